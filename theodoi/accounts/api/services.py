"""API tokens: issuing one for a user, recorded in the audit trail."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from rest_framework.authtoken.models import Token

from theodoi.audit.services import audit_record
from theodoi.core.errors import ApplicationError


@transaction.atomic
def api_token_issue(*, actor: Any, user: Any, reset: bool = False) -> tuple[Token, bool]:
    """The user's API token, created when missing (or replaced with `reset`); returns (token, created)."""
    if not user.is_active:
        raise ApplicationError(f"Tài khoản {user.get_username()} đã bị khóa: không cấp mã truy cập.")
    if reset:
        Token.objects.filter(user=user).delete()
    token, created = Token.objects.get_or_create(user=user)
    if created:
        audit_record(
            actor=actor, action="api_token.reset" if reset else "api_token.create",
            target=user, after={"user": user.get_username()},
        )
    return token, created
