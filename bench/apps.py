from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark: scale data, page measurement and a bare view to compare against.

    It sits above every other app; nothing in the portal imports it.
    """

    name = "bench"
    verbose_name = "Benchmark"
