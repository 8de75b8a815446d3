"""Health checks for a load balancer or an orchestrator; no sign-in, no personal data.

/healthz: the process answers (liveness, touches nothing). /readyz: it can also reach the
database and the cache (readiness: take it out of rotation while either is down).
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as error:  # noqa: BLE001 - any failure means not ready
        checks["database"] = type(error).__name__
    try:
        cache.set("theodoi:readyz", "1", 5)
        checks["cache"] = "ok" if cache.get("theodoi:readyz") == "1" else "miss"
    except Exception as error:  # noqa: BLE001
        checks["cache"] = type(error).__name__
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if ready else "unavailable", **checks}, status=200 if ready else 503)
