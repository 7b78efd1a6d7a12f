"""Navigation, home-page lines, the policy model and portal links (registered from AppConfig.ready)."""


def register() -> None:
    from renda.core import policy as resolver
    from renda.core.nav import register_nav, register_waiting
    from renda.core.roles import Role
    from renda.portal import links

    from . import demo  # noqa: F401  (registers the demo step)
    from .models import MeetingPolicy
    from .selectors import waiting

    resolver.register(MeetingPolicy)
    register_nav("会议", "meetings:home", {Role.STAFF, Role.LEADER, Role.DEPUTY}, order=45)
    register_waiting({Role.STAFF, Role.LEADER, Role.DEPUTY}, waiting)
    links.register("会议表决结果", "常委会会议公开表决结果", "meetings_public:results", order=45)
