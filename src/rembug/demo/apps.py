from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "rembug.demo"
    verbose_name = "Demo"
