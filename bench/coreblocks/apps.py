from django.apps import AppConfig


class CoreBlocksConfig(AppConfig):
    name = "bench.coreblocks"
    label = "coreblocks"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Benchmark: core blocks"
