from django.apps import AppConfig


class CascadeConfig(AppConfig):
    name = "theodoi.cascade"
    label = "cascade"
    verbose_name = "Liên kết kế hoạch cấp trên, cấp dưới"
