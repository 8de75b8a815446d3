from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "theodoi.accounts"
    label = "accounts"
