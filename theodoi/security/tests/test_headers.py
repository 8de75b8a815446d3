import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

import theodoi

pytestmark = pytest.mark.django_db


def _directives(response):
    return dict((part.strip().split(" ", 1) + [""])[:2] for part in response["Content-Security-Policy"].split(";"))


def test_every_page_carries_the_security_headers(client):
    response = client.get(reverse("login"))
    csp = _directives(response)
    assert csp["script-src"] == "'self'" and csp["style-src"] == "'self'"
    assert csp["object-src"] == "'none'" and csp["frame-ancestors"] == "'none'" and csp["form-action"] == "'self'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_only_the_api_docs_may_use_inline_styles_and_never_inline_scripts(make_user):
    client = Client()
    client.force_login(make_user("admin"))
    for url in ("/api/docs/", "/api/redoc/"):
        csp = _directives(client.get(url))
        assert csp["style-src"] == "'self' 'unsafe-inline'" and csp["script-src"] == "'self'", url
    assert _directives(client.get(reverse("plans:list")))["style-src"] == "'self'"


TEMPLATE_DIRS = [Path(theodoi.__file__).parent]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
HANDLER = re.compile(r"\s on[a-z]+\s*=", re.I | re.X)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.I)


def test_no_template_has_inline_script_handlers_or_styles():
    """The strict CSP would block them: behaviour lives in static/theodoi/theodoi.js, looks in the CSS."""
    found = []
    for root in TEMPLATE_DIRS:
        for path in root.rglob("*.html"):
            if path.name == "redoc.html":  # drf-spectacular's page, under the relaxed policy
                continue
            text = path.read_text("utf-8")
            for pattern in (INLINE_SCRIPT, HANDLER, STYLE_ATTRIBUTE):
                found += [f"{path.relative_to(root)}: {match.group(0).strip()}" for match in pattern.finditer(text)]
    assert not found, "\n".join(found)


def test_cookies_are_http_only_same_site_and_secure_in_production():
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == settings.CSRF_COOKIE_SAMESITE == "Lax"


def test_a_post_without_the_csrf_token_is_refused(make_user, directory):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("coordinator", directory["dn.khcn"]))
    assert client.post(reverse("periods:days_off"), {"day": "2026-09-03", "name": "Nghỉ"}).status_code == 403
    assert client.post(reverse("login"), {"username": "a", "password": "b"}).status_code == 403


def test_a_request_larger_than_any_upload_is_refused_before_it_is_read(client, settings):
    settings.THEODOI_MAX_REQUEST_BYTES = 1000
    response = client.post(reverse("login"), {"username": "a" * 2000, "password": "b"})
    assert response.status_code == 413 and "Yêu cầu quá lớn" in response.content.decode()


def test_errors_under_api_are_json_and_pages_stay_html(make_user):
    client = Client()
    client.force_login(make_user("admin"))
    api = client.get("/api/v1/assignments/0.5/")
    assert api.status_code == 404 and api.json() == {"detail": "Không tìm thấy."}
    page = client.get("/khong-co-trang-nay/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")
