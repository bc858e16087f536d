from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"

    def ready(self):
        from resources import signals  # noqa: F401 (connects the receivers)
