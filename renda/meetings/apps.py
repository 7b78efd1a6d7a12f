from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "renda.meetings"
    label = "meetings"
    verbose_name = "电子会议"

    def ready(self) -> None:
        from . import hooks

        hooks.register()
