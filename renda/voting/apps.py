from django.apps import AppConfig


class VotingConfig(AppConfig):
    name = "renda.voting"
    label = "voting"
    verbose_name = "表决"

    def ready(self) -> None:
        from . import demo, hooks  # noqa: F401  (demo registers its step)

        hooks.register()
