from django.apps import AppConfig


class CoreConfig(AppConfig):
    verbose_name = "Dùng chung"
    name = "theodoi.core"
    label = "core"
