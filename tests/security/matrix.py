"""Running one request of the matrix, and the table of what each role should get."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.security.targets import Target
from tests.security.world import COLUMNS, World

TABLE = Path(__file__).with_name("permissions.tsv")
DENIED = frozenset({"401", "403", "404", "405", "login"})


@dataclass
class Observed:
    outcome: str  # the status code, or "login" for a redirect to the sign-in page; "w" when it wrote
    audited: bool  # whether the request wrote an audit entry (rolled back afterwards)
    error: str = ""
    location: str = ""
    unprotected: tuple[str, ...] = ()  # forms posting without the CSRF token


POST_FORM = re.compile(r"<form\b[^>]*\bmethod=[\"']?post[^>]*>(.*?)</form>", re.I | re.S)
HTMX_WRITE = re.compile(r"\bhx-(?:post|put|patch|delete)=", re.I)


def unprotected_forms(response: Any) -> tuple[str, ...]:
    """The forms of an HTML page that would post without the CSRF token (Django's hidden field, or
    for htmx the X-CSRFToken header that base.html sets on <body>)."""
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return ()
    html = response.content.decode("utf-8", "replace")
    missing = [
        match.group(0)[:120] for match in POST_FORM.finditer(html) if "csrfmiddlewaretoken" not in match.group(1)
    ]
    if HTMX_WRITE.search(html) and "X-CSRFToken" not in html:
        missing.append("hx-post/put/patch/delete without the X-CSRFToken header")
    return tuple(missing)


def read_table(path: Path = TABLE) -> dict[tuple[str, str], dict[str, str]]:
    table: dict[tuple[str, str], dict[str, str]] = {}
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        key, method, *cells = line.split()
        if len(cells) != len(COLUMNS):
            raise AssertionError(f"{path.name}:{number}: {len(cells)} outcomes, expected {len(COLUMNS)}: {line}")
        if (key, method) in table:
            raise AssertionError(f"{path.name}:{number}: {key} {method} is listed twice")
        table[(key, method)] = dict(zip(COLUMNS, cells, strict=True))
    return table


def table_line(target: Target, outcomes: dict[str, str]) -> str:
    return "\t".join([target.key, target.method, *(outcomes[column] for column in COLUMNS)])


def _outcome(response: Any) -> str:
    code = response.status_code
    if code in (301, 302, 303) and response.get("Location", "").startswith(reverse(settings.LOGIN_URL)):
        return "login"
    return str(code)


def sign_in_everyone(world: World) -> None:
    """One session per column, made with the world (a test's own rows are rolled back after it)."""
    for column, user in world.users.items():
        if user is not None:
            client = Client()
            client.force_login(user)
            world.sessions[column] = client.cookies[settings.SESSION_COOKIE_NAME].value


def request(
    world: World, column: str, method: str, url: str, *, api: bool, data: dict[str, Any] | None = None
) -> Observed:
    """One request as `column`, inside a savepoint rolled back afterwards: nothing it writes stays."""
    from theodoi.audit.models import AuditEvent

    client = Client(raise_request_exception=True)
    headers: dict[str, str] = {}
    user = world.users[column]
    if user is not None:
        if api:
            headers["Authorization"] = f"Token {world.tokens[column]}"
        else:
            client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[column]
    body = data or {}
    with transaction.atomic():
        before = AuditEvent.objects.count()
        try:
            if api:
                response = client.generic(
                    method,
                    url,
                    data=json.dumps(body) if method != "GET" else "",
                    content_type="application/json",
                    headers=headers,
                )
            elif method == "GET":
                response = client.get(url, headers=headers)
            else:
                response = client.post(url, body, headers=headers)
            audited = AuditEvent.objects.count() != before
            observed = Observed(
                _outcome(response) + ("w" if audited else ""),
                audited,
                location=response.get("Location", ""),
                unprotected=unprotected_forms(response),
            )
        except Exception as error:  # noqa: BLE001 - a crash is an outcome the test reports
            observed = Observed("500", False, f"{type(error).__name__}: {error}")
        transaction.set_rollback(True)
    return observed
