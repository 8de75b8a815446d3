"""One view, two answers: the whole page for a normal request, a fragment for htmx.

htmx marks its requests with `HX-Request: true`. A boosted link or a history restore (the user
pressed Back and htmx has no cached copy) wants the whole page, so those get it too.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def wants_fragment(request: HttpRequest) -> bool:
    headers = request.headers
    return (
        headers.get("HX-Request") == "true"
        and headers.get("HX-Boosted") != "true"
        and headers.get("HX-History-Restore-Request") != "true"
    )


def render_page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    fragment_template: str | None = None,
    *,
    status: int = 200,
) -> HttpResponse:
    """Render `template`, or `fragment_template` when htmx asks for a part of the page.

    The page template includes the fragment template, so both answers show the same markup;
    `is_fragment` tells the fragment when it travels alone (to update out-of-band parts).
    """
    fragment = bool(fragment_template) and wants_fragment(request)
    chosen = fragment_template if fragment and fragment_template else template
    response = render(request, chosen, {**context, "is_fragment": fragment}, status=status)
    # Caches must keep the page and the fragment of one URL apart.
    patch_vary_headers(response, ["HX-Request"])
    return response
