from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Operations tooling on the top floor: the synthetic data generator and the benchmark
    runner (``rembug bench generate|run``). No models."""

    name = "rembug.bench"
    label = "bench"
    verbose_name = "Benchmarks"
