from django.apps import AppConfig


class DutiesConfig(AppConfig):
    name = "renda.duties"
    label = "duties"
    verbose_name = "履职管理"

    def ready(self) -> None:
        from . import hooks

        hooks.register()
