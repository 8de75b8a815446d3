from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.request import Request
from rest_framework.response import Response

from theodoi.accounts.api.services import api_token_issue


class TokenObtainView(ObtainAuthToken):
    """POST username and password, get the user's API token (created on first sign-in).

    DRF's `obtain_auth_token`, issuing through `api_token_issue` so a new token is audited like
    one made by `theodoi api-token`.
    """

    @extend_schema(
        description=(
            "Exchange a username and password for the user's API token (created on first use). "
            "Send it on every request as `Authorization: Token <token>`."
        ),
        auth=[],
        responses={
            200: AuthTokenSerializer,
            400: OpenApiResponse(description="Wrong username or password, or a locked account."),
        },
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        token, _created = api_token_issue(actor=user, user=user)
        return Response({"token": token.key})
