from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "renda.insight"
    label = "insight"
    verbose_name = "智能分析"

    def ready(self) -> None:
        from . import hooks

        hooks.register()
