"""Navigation, home-page, portal and demo entries (from AppConfig.ready)."""


def waiting(user):
    """Deputies and members: open surveys they have not answered yet."""
    from django.urls import reverse

    from renda.core.nav import Waiting

    from .selectors import surveys_for_respondent

    n = sum(
        1 for s in surveys_for_respondent(user).exclude(participations__user=user) if s.status() == "open"
    )
    return [Waiting("待填写的问卷", n, reverse("surveys:mine"), tone="warning")] if n else []


def register() -> None:
    from renda.core import nav
    from renda.core.roles import Role
    from renda.portal import links

    from . import demo  # noqa: F401  (registers the demo step)

    nav.register_nav("问卷调查", "surveys:list", {Role.STAFF, Role.LEADER}, order=60)
    nav.register_nav("我的问卷", "surveys:mine", {Role.DEPUTY, Role.LEADER}, order=61)
    nav.register_waiting({Role.DEPUTY, Role.LEADER}, waiting)
    links.register("问卷调查", "参与人大问卷调查，查看公布的调查结果", "surveys_public:index", order=60)
