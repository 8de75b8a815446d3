"""Requests larger than any upload the product accepts are refused before Django reads them."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class RequestSizeLimitMiddleware:
    """413 with a Vietnamese message when Content-Length exceeds THEODOI_MAX_REQUEST_BYTES.

    Each upload also checks its own, smaller limit (evidence, imports, workbooks); this one keeps a
    huge body from being spooled to disk at all. A front proxy should set the same limit.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = int(settings.THEODOI_MAX_REQUEST_BYTES)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            megabytes = limit // (1024 * 1024)
            return HttpResponse(
                f"Yêu cầu quá lớn: tối đa {megabytes} MB.", status=413, content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)
