from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "theodoi.notifications"
    label = "notifications"
    verbose_name = "Nhắc việc, thông báo"
