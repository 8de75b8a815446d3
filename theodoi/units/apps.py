from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "theodoi.units"
    label = "units"
