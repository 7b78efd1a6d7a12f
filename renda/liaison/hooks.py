"""Navigation, home-page lines, the policy resolver and the demo step (registered from AppConfig.ready)."""


def register() -> None:
    from renda.core import policy as resolver
    from renda.core.nav import register_nav, register_waiting
    from renda.core.roles import Role

    from . import demo  # noqa: F401  (registers the demo step)
    from .models import LiaisonPolicy
    from .selectors.waiting import waiting

    resolver.register(LiaisonPolicy)
    register_nav("联系代表", "liaison:home", {Role.STAFF, Role.LEADER, Role.DEPUTY}, order=35)
    register_waiting({Role.STAFF, Role.DEPUTY}, waiting)
