from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "renda.contact"
    label = "contact"
    verbose_name = "联系选民"

    def ready(self) -> None:
        from . import hooks

        hooks.register()
