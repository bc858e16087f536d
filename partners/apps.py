from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"

    def ready(self) -> None:
        from partners import signals  # noqa: F401  (offers invitations after sign-up)
