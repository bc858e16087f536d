from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"

    def ready(self) -> None:
        # Connects the signals that retire the report's kept totals.
        from training import report_totals  # noqa: F401
