from django.apps import AppConfig


class PeriodsConfig(AppConfig):
    name = "theodoi.periods"
    label = "periods"
