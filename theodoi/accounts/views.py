"""Signing in and out, with Django's views and Vietnamese templates."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from theodoi.accounts import policy
from theodoi.accounts.forms import LoginForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """POST only (Django 5): the top bar's Đăng xuất button is a form with the CSRF token."""


def admin_login(request: HttpRequest, extra_context: object = None) -> HttpResponse:
    """Stands in for the admin's own login page: one sign-in page for the whole product.

    Someone signed in without the admin role gets 403 rather than a loop of redirects.
    """
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index"))


def admin_site_setup() -> None:
    """Quản trị (the Django admin) is for the admin role only: policy decides, not `is_staff`, and
    signing in goes through the product's own login page."""
    admin.site.has_permission = lambda request: policy.can_use_admin(request.user)
    admin.site.login = admin_login
    admin.site.site_header = admin.site.site_title = _("theodoi · Quản trị")
    admin.site.index_title = _("Quản trị hệ thống")
    admin.site.site_url = "/"
