from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "theodoi.audit"
    label = "audit"
