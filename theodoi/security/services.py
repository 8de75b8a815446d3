"""Lockout after repeated failed sign-ins, per account and per IP address, for a while.

Both ways in (the sign-in page and the API token endpoint) ask `login_check` before checking the
password, call `login_failed` when it was wrong and `login_succeeded` when it was right. While an
account (or an address) has THEODOI_LOGIN_MAX_FAILURES (THEODOI_LOGIN_MAX_FAILURES_PER_IP)
failures within THEODOI_LOGIN_LOCKOUT_MINUTES, sign-in is refused without checking the password,
so a guesser learns nothing more; the lock lifts by itself when the oldest of those failures ages
out. The failure that locks is written to the audit trail.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from theodoi.audit.services import audit_record
from theodoi.core.errors import ApplicationError
from theodoi.security.models import LoginFailure

LOCKED_MESSAGE = (
    "Đăng nhập tạm thời bị khóa vì nhập sai mật khẩu nhiều lần. Hãy thử lại sau {minutes} phút "
    "hoặc liên hệ quản trị hệ thống."
)


def username_key(username: str) -> str:
    return (username or "").strip().casefold()[:150]


def client_ip(request: Any) -> str:
    """The client's address: REMOTE_ADDR, or the header a trusted proxy sets
    (THEODOI_CLIENT_IP_HEADER, e.g. HTTP_X_REAL_IP) when the server sits behind one."""
    header = getattr(settings, "THEODOI_CLIENT_IP_HEADER", "")
    meta = getattr(request, "META", {})
    value = (meta.get(header) if header else None) or meta.get("REMOTE_ADDR") or ""
    return value.split(",")[0].strip()[:64]


def _window() -> timedelta:
    return timedelta(minutes=int(settings.THEODOI_LOGIN_LOCKOUT_MINUTES))


def _locked_until(rows: list[datetime], limit: int) -> datetime | None:
    """With failures at `rows` (newest first), the moment the lock lifts, or None when not locked."""
    if len(rows) < limit:
        return None
    return rows[limit - 1] + _window()


def _lock(username: str, ip: str, now: datetime) -> datetime | None:
    since = now - _window()
    recent = LoginFailure.objects.filter(at__gte=since).order_by("-at")
    by_account = list(recent.filter(username_key=username_key(username)).values_list("at", flat=True))
    by_ip = list(recent.filter(ip=ip).values_list("at", flat=True)) if ip else []
    ends = [
        moment
        for moment in (
            _locked_until(by_account, int(settings.THEODOI_LOGIN_MAX_FAILURES)),
            _locked_until(by_ip, int(settings.THEODOI_LOGIN_MAX_FAILURES_PER_IP)),
        )
        if moment is not None
    ]
    return max(ends) if ends else None


def _message(until: datetime, now: datetime) -> str:
    return LOCKED_MESSAGE.format(minutes=max(1, math.ceil((until - now).total_seconds() / 60)))


def login_check(*, username: str, ip: str, now: datetime | None = None) -> None:
    """Raise with the Vietnamese lockout message when this account or address is locked."""
    now = now or timezone.now()
    until = _lock(username, ip, now)
    if until is not None:
        raise ApplicationError(_message(until, now), extra={"locked_until": until.isoformat()})


@transaction.atomic
def login_failed(*, username: str, ip: str, via: str, now: datetime | None = None) -> None:
    """Count one failed sign-in; the failure that locks the account or address is audited."""
    now = now or timezone.now()
    LoginFailure.objects.filter(at__lt=now - timedelta(days=1)).delete()
    was_locked = _lock(username, ip, now) is not None
    LoginFailure.objects.create(username_key=username_key(username), ip=ip, at=now, via=via)
    until = _lock(username, ip, now)
    if until is not None and not was_locked:
        from theodoi.accounts.models import User

        user = User.objects.filter(username__iexact=(username or "").strip()).first()
        audit_record(
            actor=None, action="accounts.login_locked", target=user,
            target_type="" if user else "accounts.user", target_label="" if user else username_key(username),
            after={"username": username_key(username), "ip": ip, "via": via, "until": until.isoformat()},
        )  # fmt: skip


def login_succeeded(*, username: str) -> None:
    """A right password clears the account's failures (not the address's)."""
    LoginFailure.objects.filter(username_key=username_key(username)).delete()


@transaction.atomic
def login_unlock(*, actor: Any, username: str = "", ip: str = "") -> int:
    """Lift a lockout before it ends by itself (the admin, asked by the person); returns how many
    failures were forgotten."""
    if not username and not ip:
        raise ApplicationError("Cần tên đăng nhập hoặc địa chỉ IP để mở khóa.")
    condition = Q(pk__in=[])
    if username:
        condition |= Q(username_key=username_key(username))
    if ip:
        condition |= Q(ip=ip)
    count, _ = LoginFailure.objects.filter(condition).delete()
    audit_record(
        actor=actor, action="accounts.login_unlock", target_type="accounts.user",
        target_label=username_key(username) or ip, after={"username": username_key(username), "ip": ip,
                                                           "forgotten": count},
    )  # fmt: skip
    return count
