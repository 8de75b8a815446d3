from django.apps import AppConfig


class SynthConfig(AppConfig):
    name = "theodoi.synth"
    verbose_name = "Dữ liệu tổng hợp"
