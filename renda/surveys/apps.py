from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "renda.surveys"
    label = "surveys"
    verbose_name = "问卷调查"

    def ready(self) -> None:
        from . import hooks

        hooks.register()
