"""Every URL of the site and every operation of the API, and how to fill in their arguments.

Pages come from walking the URL resolver; API operations from the OpenAPI schema generated at
test time (so an endpoint cannot escape by being left out of schema/openapi.yaml). The Django
admin is not listed here: it is all or nothing (`test_admin_is_for_the_admin_role_only`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# API views that are pages rather than operations of the schema.
DOC_VIEWS = ("SpectacularAPIView", "SpectacularSwaggerView", "SpectacularSwaggerSplitView",
             "SpectacularRedocView", "APIRootView")  # fmt: skip
PAGE_METHODS = ("GET", "POST")


@dataclass(frozen=True)
class Target:
    key: str  # "plans:detail" for a page, "api:<operationId>" for an API operation
    method: str
    path: str  # a page's URL name, or the API path template with {id}
    arguments: tuple[str, ...] = ()
    api: bool = False


def _covered_by_schema(pattern: URLPattern) -> bool:
    from rest_framework.views import APIView

    cls = getattr(pattern.callback, "cls", None)
    if cls is None or not issubclass(cls, APIView):
        return False
    return not any(base.__name__ in DOC_VIEWS for base in cls.__mro__)


def _walk(patterns: list[Any], namespace: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = ":".join(part for part in (namespace, pattern.namespace or "") if part)
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and not _covered_by_schema(pattern):
            if not pattern.name:
                raise AssertionError(f"Every URL needs a name to be in the permission matrix: {pattern.pattern}")
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, tuple(pattern.pattern.regex.groupindex)


def page_targets() -> list[Target]:
    seen = dict(_walk(get_resolver().url_patterns, ""))
    return [
        Target(key=name, method=method, path=name, arguments=arguments)
        for name, arguments in sorted(seen.items())
        for method in PAGE_METHODS
    ]


def api_schema() -> dict[str, Any]:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def api_targets(schema: dict[str, Any] | None = None) -> list[Target]:
    schema = schema or api_schema()
    targets = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method in ("get", "post", "put", "patch", "delete"):
                targets.append(
                    Target(key=f"api:{operation['operationId']}", method=method.upper(), path=path, api=True)
                )
    return sorted(targets, key=lambda target: (target.key, target.method))


# --- arguments ------------------------------------------------------------------------------------
# A page argument by name (`pk` by the page's namespace), an API path by its resource. A new app
# whose URLs take another argument adds it here, and the object to World (world.py).
PAGE_ARGUMENTS = {
    "plan_id": "plan", "period_id": "period", "report_id": "report", "evidence_id": "evidence",
    "assignment_id": "assignment", "day_off_id": "day_off", "notification_id": "notification",
    "plan_pk": "plan", "unit_pk": "unit", "unit_id": "unit", "task_id": "task", "indicator_id": "indicator",
}  # fmt: skip
PK_BY_NAMESPACE = {"plans": "plan", "units": "unit", "imports": "draft"}
LITERALS = {"kind": "month", "year": 2026, "index": 3, "fmt": "xlsx"}
API_RESOURCES = {
    "reports": "report", "evidence": "evidence", "plans": "plan", "sections": "section",
    "indicators": "indicator", "tasks": "task", "assignments": "assignment", "units": "unit",
    "task-links": "task_link",
}  # fmt: skip
MISSING_ID = 987_654_321

# What a write sends: a valid body where one is needed, so that "refused" means refused, not merely
# "invalid". Pages not listed get an empty POST; API operations not listed an empty JSON object.
PAGE_BODIES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "submissions:detail": lambda o: {"action": "save", "expected_version": o["report"].version},
    "submissions:review": lambda o: {"action": "reopen", "reason": "Mở lại để bổ sung"},
    "submissions:evidence_add": lambda o: {"url": "https://dichvucong.example.vn/bc", "title": "Trích xuất"},
    "periods:days_off": lambda o: {"day": "2026-09-03", "kind": "day_off", "name": "Nghỉ bù"},
    "periods:schedule": lambda o: {
        "clause_text": "Trước ngày 15 hằng tháng", "window_mode": o["period"].plan.reporting_schedule.window_mode,
        "before_day": "inclusive", "due_soon_days": 3,
    },
    "periods:events": lambda o: {"task": o["task"].pk, "occurred_on": "2026-05-01", "offset_days": 30},
    "periods:extensions": lambda o: {"request": o["extension"].pk, "decision": "approve", "note": ""},
    "periods:extension_new": lambda o: {"requested_due": "2026-07-31", "reason": "Cần thêm thời gian"},
    "periods:halts": lambda o: {
        "task": o["task"].pk, "kind": "stopped", "effective_on": "2026-05-01", "reason": "Dừng theo chỉ đạo",
    },
    "notifications:policy": lambda o: {
        "enabled": "on", "days_before": "3", "on_due_day": "on", "days_after": "1, 7", "escalate_from_day": 3,
        "send_at": "08:00",
    },
    "imports:cell": lambda o: {"table": "tasks", "index": 0, "field": "name", "value": "Tên đã sửa"},
    "imports:owner": lambda o: {"owner": o["plan"].owner_id},
    "imports:map_name": lambda o: {"name": "Văn phòng", "unit": o["unit"].pk, "remember": ""},
    "imports:save": lambda o: {"version": o["draft"].version},
    "cascade:decide": lambda o: {"action": "none"},
}  # fmt: skip
API_BODIES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "api:reports_save_draft_create": lambda o: {"items": [], "expected_version": o["report"].version},
    "api:reports_submit_create": lambda o: {"expected_version": o["report"].version},
    "api:reports_return_create": lambda o: {"comments": [{"text": "Bổ sung số liệu"}]},
    "api:reports_reopen_create": lambda o: {"reason": "Mở lại để bổ sung"},
    "api:reports_evidence_create": lambda o: {"url": "https://dichvucong.example.vn/bc", "title": "Trích xuất"},
    "api:auth_token_create": lambda o: {"username": "mx-reporter", "password": "sai-mat-khau"},
}  # fmt: skip


def body(target: Target, objects: dict[str, Any]) -> dict[str, Any]:
    bodies = API_BODIES if target.api else PAGE_BODIES
    return bodies[target.key](objects) if target.key in bodies else {}


def page_url(target: Target, objects: dict[str, Any], missing: str | None = None) -> str:
    """The URL of a page, its ids taken from `objects`; the argument `missing` gets an id no row has."""
    kwargs: dict[str, Any] = {}
    for name in target.arguments:
        if name in LITERALS:
            kwargs[name] = LITERALS[name]
            continue
        kind = PK_BY_NAMESPACE.get(target.key.split(":")[0]) if name == "pk" else PAGE_ARGUMENTS.get(name)
        if kind is None:
            raise AssertionError(
                f"{target.key}: no object for URL argument {name!r}. Add it to PAGE_ARGUMENTS or PK_BY_NAMESPACE "
                "in tests/security/targets.py and the object to tests/security/world.py."
            )
        kwargs[name] = MISSING_ID if name == missing else objects[kind].pk
    return reverse(target.path, kwargs=kwargs)


def api_url(target: Target, objects: dict[str, Any], missing: bool = False) -> str:
    """The API path with its placeholders filled in; `missing` gives the last one an id no row has."""
    names = re.findall(r"{(\w+)}", target.path)
    path = target.path
    for position, name in enumerate(names):
        if name == "id":
            resource = target.path.split("/")[3]
            kind = API_RESOURCES.get(resource)
            where = f"API resource {resource!r}. Add it to API_RESOURCES"
        else:
            kind = PAGE_ARGUMENTS.get(name)
            where = f"API path argument {name!r}. Add it to PAGE_ARGUMENTS"
        if kind is None:
            raise AssertionError(
                f"{target.key}: no object for {where} in tests/security/targets.py and the object to "
                "tests/security/world.py."
            )
        value = MISSING_ID if missing and position == len(names) - 1 else objects[kind].pk
        path = path.replace("{" + name + "}", str(value))
    return path
