from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "renda.notify"
    label = "notify"
    verbose_name = "通知"

    def ready(self) -> None:
        from renda.core import nav

        from . import selectors

        nav.register_nav("通知", "notify:inbox", nav.ALL_BUSINESS, order=90)
        nav.register_waiting(nav.ALL_BUSINESS, selectors.waiting)
