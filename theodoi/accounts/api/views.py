from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from theodoi.accounts.api.services import api_token_issue
from theodoi.core.errors import ApplicationError
from theodoi.security import services as lockout


class TokenObtainView(ObtainAuthToken):
    """POST username and password, get the user's API token (created on first sign-in).

    DRF's `obtain_auth_token`, issuing through `api_token_issue` so a new token is audited like
    one made by `theodoi api-token`. Throttled (scope `auth`) and under the same lockout as the
    sign-in page: wrong passwords count against the account and the address.
    """

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"

    @extend_schema(
        description=(
            "Exchange a username and password for the user's API token (created on first use). "
            "Send it on every request as `Authorization: Token <token>`."
        ),
        auth=[],
        responses={
            200: AuthTokenSerializer,
            400: OpenApiResponse(description="Wrong username or password, or a locked account."),
            429: OpenApiResponse(
                inline_serializer("TokenRefused", {"detail": serializers.CharField()}),
                description="Too many attempts: locked out for a while, or throttled.",
            ),
        },
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = request.data if hasattr(request.data, "get") else {}
        username = str(data.get("username") or "")
        ip = lockout.client_ip(request)
        try:
            if username:
                lockout.login_check(username=username, ip=ip)
        except ApplicationError as error:
            return Response({"detail": error.message}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            if username and data.get("password"):
                lockout.login_failed(username=username, ip=ip, via="api")
            return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
        user = serializer.validated_data["user"]
        lockout.login_succeeded(username=username)
        token, _created = api_token_issue(actor=user, user=user)
        return Response({"token": token.key})
