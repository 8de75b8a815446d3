from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from theodoi.core.errors import ApplicationError
from theodoi.security import services as lockout


class LoginForm(AuthenticationForm):
    """Django's sign-in form, refused while the account or the address is locked out
    (theodoi.security.services), every wrong password counted."""

    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."),
        "inactive": _("Tài khoản này đã bị khóa. Hãy liên hệ quản trị hệ thống."),
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        ip = lockout.client_ip(self.request)
        if username and self.cleaned_data.get("password"):
            self._refuse_if_locked(username, ip)
        try:
            cleaned = super().clean()
        except forms.ValidationError as error:
            if error.code == "invalid_login":
                lockout.login_failed(username=username, ip=ip, via="web")
                self._refuse_if_locked(username, ip)  # that failure may have been the one that locks
            raise
        if username:
            lockout.login_succeeded(username=username)
        return cleaned

    @staticmethod
    def _refuse_if_locked(username: str, ip: str) -> None:
        try:
            lockout.login_check(username=username, ip=ip)
        except ApplicationError as error:
            raise forms.ValidationError(error.message, code="locked") from error
