from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "renda.supervision"
    label = "supervision"
    verbose_name = "监督"

    def ready(self) -> None:
        from . import hooks

        hooks.register()
