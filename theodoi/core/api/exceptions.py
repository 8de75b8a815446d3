"""API errors in Vietnamese, whatever language the client asks for.

DRF's own messages are only partly translated ("Authentication credentials were not provided."
stays English) and Django's 404 names the model; the API answers with one wording instead.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def _message(exc: Exception, context: dict[str, Any]) -> str | None:
    if isinstance(exc, exceptions.NotAuthenticated):
        return _("Chưa đăng nhập: hãy gửi mã truy cập (Authorization: Token …) hoặc đăng nhập trước.")
    if isinstance(exc, exceptions.AuthenticationFailed):
        return _("Mã truy cập hoặc thông tin đăng nhập không hợp lệ, hoặc tài khoản đã bị khóa.")
    if isinstance(exc, Http404) or (
        isinstance(exc, exceptions.NotFound) and exc.detail == exceptions.NotFound.default_detail
    ):
        # The same answer for "does not exist" and "outside your reach", so ids cannot be probed.
        return _("Không tìm thấy.")
    if isinstance(exc, exceptions.MethodNotAllowed):
        method = getattr(context.get("request"), "method", "")
        return _("Phương thức %(method)s không được hỗ trợ ở địa chỉ này.") % {"method": method}
    if isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait or 0) + 1 if exc.wait is not None else None
        if wait is None:
            return _("Quá nhiều yêu cầu: hãy thử lại sau ít phút.")
        return _("Quá nhiều yêu cầu: hãy thử lại sau %(seconds)d giây.") % {"seconds": wait}
    denied = exceptions.PermissionDenied
    if isinstance(exc, denied) and exc.detail == denied.default_detail:
        return _("Bạn không có quyền thực hiện thao tác này.")
    return None


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    message = _message(exc, context)
    if message is not None:
        response.data = {"detail": message}
    return response
