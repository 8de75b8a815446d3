from django.urls import path

from theodoi.accounts import views

# Unnamespaced: settings.LOGIN_URL and LOGOUT_REDIRECT_URL say "login".
urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", views.LogoutView.as_view(), name="logout"),
]
