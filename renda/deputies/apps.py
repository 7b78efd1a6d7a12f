from django.apps import AppConfig


class DeputiesConfig(AppConfig):
    name = "renda.deputies"
    label = "deputies"
    verbose_name = "代表"

    def ready(self) -> None:
        from . import hooks

        hooks.register()
