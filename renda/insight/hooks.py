"""Navigation, policy registration and the demo step (from AppConfig.ready)."""


def register() -> None:
    from renda.core import nav
    from renda.core import policy as resolver
    from renda.core.roles import Role

    from . import demo  # noqa: F401  (registers the demo step)
    from .models import InsightPolicy

    resolver.register(InsightPolicy)
    nav.register_nav("热点分析", "insight:hot", {Role.STAFF, Role.LEADER}, order=70)
