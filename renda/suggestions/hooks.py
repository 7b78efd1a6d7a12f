"""Navigation, home-page "waiting" lines, portal entry and the demo step (registered from AppConfig.ready)."""


def register() -> None:
    from renda.core import nav
    from renda.core import policy as resolver
    from renda.core.roles import Role
    from renda.portal import links

    from . import (
        demo,  # noqa: F401  (registers the demo step)
        waiting,
    )
    from .models import Policy

    resolver.register(Policy)

    nav.register_nav(
        "建议议案",
        "suggestions:home",
        {Role.STAFF, Role.LEADER, Role.DEPUTY, Role.UNIT_HANDLER, Role.UNIT_HEAD},
        order=30,
    )
    nav.register_nav("办理排名", "suggestions:rankings", {Role.LEADER}, order=32)
    nav.register_waiting({Role.STAFF}, waiting.for_staff)
    nav.register_waiting({Role.LEADER}, waiting.for_leader)
    nav.register_waiting({Role.DEPUTY}, waiting.for_deputy)
    nav.register_waiting({Role.UNIT_HANDLER, Role.UNIT_HEAD}, waiting.for_unit)
    links.register("代表建议办理", "查阅代表建议、办理答复和代表评价", "suggestions_public:list", order=20)
