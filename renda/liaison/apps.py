from django.apps import AppConfig


class LiaisonConfig(AppConfig):
    name = "renda.liaison"
    label = "liaison"
    verbose_name = "联系代表"

    def ready(self) -> None:
        from . import hooks

        hooks.register()
