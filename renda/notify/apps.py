from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "renda.notify"
    label = "notify"
    verbose_name = "通知"

    def ready(self) -> None:
        from renda.core import nav
        from renda.core import policy as resolver
        from renda.core.roles import Role

        from . import (
            demo,  # noqa: F401  (registers the demo step)
            selectors,
        )
        from .models import NotifyPolicy

        resolver.register(NotifyPolicy)
        nav.register_nav("通知", "notify:inbox", nav.ALL_BUSINESS, order=90)
        nav.register_nav("通知发送", "notify:outbox", {Role.STAFF, Role.SYSTEM_ADMIN}, order=91)
        nav.register_waiting(nav.ALL_BUSINESS, selectors.waiting)
        nav.register_waiting({Role.STAFF, Role.SYSTEM_ADMIN}, selectors.waiting_failed)
