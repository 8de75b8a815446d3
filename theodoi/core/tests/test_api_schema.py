"""The committed OpenAPI schema is what the code generates, without warnings; docs work offline."""

import io
import re
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from rest_framework.test import APIClient

SCHEMA = Path(__file__).resolve().parents[3] / "schema" / "openapi.yaml"
REGENERATE = ".venv/bin/theodoi spectacular --file schema/openapi.yaml --validate"


def generate() -> str:
    out = io.StringIO()
    # --fail-on-warn: a view or field the generator cannot read fails here, not in a client.
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_committed_schema_is_up_to_date():
    generated = generate()
    committed = SCHEMA.read_text(encoding="utf-8") if SCHEMA.exists() else ""
    assert generated == committed, (
        f"schema/openapi.yaml is stale: the API changed. Regenerate it with `{REGENERATE}` and commit it."
    )


@pytest.mark.django_db
def test_schema_lists_every_endpoint_read_only():
    schema = yaml.safe_load(generate())
    paths = schema["paths"]
    for name in ("units", "plans", "sections", "indicators", "tasks", "assignments"):
        assert set(paths[f"/api/v1/{name}/"]) == {"get"}
        assert set(paths[f"/api/v1/{name}/{{id}}/"]) == {"get"}
    assert set(paths["/api/v1/auth/token/"]) == {"post"}
    assert {"tokenAuth", "cookieAuth"} <= set(schema["components"]["securitySchemes"])
    tasks, task = paths["/api/v1/tasks/"]["get"], paths["/api/v1/tasks/{id}/"]["get"]
    assert {"200", "400", "401", "404"} <= set(tasks["responses"])
    assert {"200", "401", "404"} <= set(task["responses"])
    assert set(paths["/api/v1/auth/token/"]["post"]["responses"]) == {"200", "400", "429"}
    deadline = schema["components"]["schemas"]["Deadline"]["properties"]
    assert list(deadline) == ["text", "kind", "from", "due", "every", "trigger"]


def _signed_in(make_user):
    client = APIClient()
    client.force_login(make_user("admin"))
    return client


@pytest.mark.django_db
def test_schema_is_served(make_user):
    response = _signed_in(make_user).get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/tasks/" in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/schema/", "/api/docs/", "/api/redoc/"])
def test_schema_and_docs_need_a_signed_in_user(url):
    assert APIClient().get(url).status_code == 401


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_load_nothing_from_the_internet(url, make_user):
    response = _signed_in(make_user).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    external = re.findall(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", html)
    assert external == [], f"{url} loads from the internet: {external}"
    assert "cdn." not in html
    assert "fonts.googleapis" not in html


@pytest.mark.django_db
def test_swagger_ui_does_not_send_the_schema_to_the_online_validator(make_user):
    client = _signed_in(make_user)
    html = client.get("/api/docs/").content.decode()
    assert "<script>" not in html  # its start-up script is a file (?script), allowed by the CSP
    script = client.get("/api/docs/?script=").content.decode()
    assert '"validatorUrl": null' in script


def test_sidecar_assets_are_shipped():
    from django.contrib.staticfiles import finders

    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert finders.find("drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js")


def test_browsable_api_renders_lists_with_their_filters(loaded_plan, make_user, directory):
    client = APIClient()
    client.force_login(make_user("coordinator", directory["dn.khcn"]))
    root = client.get("/api/v1/", HTTP_ACCEPT="text/html")
    assert root.status_code == 200 and b"/api/v1/tasks/" in root.content
    page = client.get("/api/v1/tasks/?q=ra soat", HTTP_ACCEPT="text/html")
    assert page.status_code == 200
    assert "Rà soát văn bản quy phạm pháp luật" in page.content.decode()
