"""Navigation, the home-page waiting line, the portal entry and the policy model (from AppConfig.ready)."""


def register() -> None:
    from renda.core import policy as resolver
    from renda.core.nav import register_nav, register_waiting
    from renda.core.roles import Role
    from renda.portal import links

    from . import demo  # noqa: F401  (registers the demo step)
    from .models import SupervisionPolicy
    from .selectors import waiting

    resolver.register(SupervisionPolicy)
    register_nav(
        "监督", "supervision:overview", {Role.STAFF, Role.LEADER, Role.UNIT_HANDLER, Role.UNIT_HEAD}, order=45
    )
    register_waiting({Role.STAFF, Role.LEADER, Role.UNIT_HANDLER, Role.UNIT_HEAD, Role.DEPUTY}, waiting)
    links.register(
        "监督工作", "年度监督计划、评议结果、备案审查和网络问政", "supervision_public:index", order=45
    )
