"""Security headers on every response: a Content-Security-Policy without inline script, a
Permissions-Policy that turns off what the product never uses, and cross-origin isolation.

Django's SecurityMiddleware adds X-Content-Type-Options, Referrer-Policy, Cross-Origin-Opener-Policy
and (in production) HSTS; XFrameOptionsMiddleware adds X-Frame-Options. A view that cannot live
under the strict policy (the vendored Swagger UI and Redoc, which set inline styles) is wrapped in
`relaxed_csp`, which allows inline styles and blob: workers there and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
RELAXED = {**STRICT, "style-src": "'self' 'unsafe-inline'", "worker-src": "'self' blob:"}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)


def _policy(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def relaxed_csp(view: Callable[..., Any]) -> Callable[..., Any]:
    """Let a third-party page (the API docs) use inline styles; scripts stay 'self' only."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        response = view(request, *args, **kwargs)
        response.csp_directives = RELAXED
        return response

    return wrapped


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        directives = getattr(response, "csp_directives", STRICT)
        if settings.SECURE_SSL_REDIRECT:
            directives = {**directives, "upgrade-insecure-requests": ""}
        response.headers.setdefault("Content-Security-Policy", _policy(directives).replace("  ", " ").strip())
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
