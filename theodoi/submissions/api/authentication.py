"""`Authorization: System <token>`: how a source system (not a person) signs its pushes.

Only the external-values endpoint accepts it; every other endpoint ignores the header, so a
system token reaches nothing else. A user's token is not accepted where a system's is expected.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from theodoi.submissions import selectors
from theodoi.submissions.models import SourceSystem

KEYWORD = "System"


class SystemTokenAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, SourceSystem] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Khóa của hệ thống nguồn không hợp lệ."))
        try:
            token = parts[1].decode()
        except UnicodeError as error:
            raise exceptions.AuthenticationFailed(_("Khóa của hệ thống nguồn không hợp lệ.")) from error
        system = selectors.source_system_for_token(token)
        if system is None:
            raise exceptions.AuthenticationFailed(_("Khóa của hệ thống nguồn không hợp lệ hoặc đã bị thu hồi."))
        return AnonymousUser(), system

    def authenticate_header(self, request: Request) -> str:
        return KEYWORD


class IsSourceSystem(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        if not isinstance(request.auth, SourceSystem):
            raise exceptions.NotAuthenticated(
                _("Chưa xác thực: hệ thống nguồn phải gửi khóa của mình (Authorization: System …).")
            )
        return True


class SystemTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "theodoi.submissions.api.authentication.SystemTokenAuthentication"
    name = "systemToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "apiKey", "in": "header", "name": "Authorization",
            "description": "A source system's token, as `System <token>` (issued when the system is registered).",
        }
