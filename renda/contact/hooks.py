"""Navigation, home-page, portal and demo entries, and the policy cache's signals (from AppConfig.ready)."""


def register() -> None:
    from renda.core import nav
    from renda.core.roles import Role
    from renda.portal import links

    from . import (
        demo,  # noqa: F401  (registers the demo step)
        policy,
        selectors,
    )

    policy.connect()
    nav.register_nav("社情民意", "contact:list", {Role.STAFF, Role.LEADER, Role.STATION_KEEPER}, order=40)
    nav.register_nav("我的留言", "contact:mine", {Role.DEPUTY}, order=40)
    nav.register_nav("接待安排", "contact:my_schedule", {Role.DEPUTY}, order=41)
    nav.register_nav("转办留言", "contact:unit_todo", {Role.UNIT_HANDLER, Role.UNIT_HEAD}, order=40)
    nav.register_nav("接待日", "contact:receptions", {Role.STATION_KEEPER}, order=42)
    nav.register_nav("登记来访", "contact:register", {Role.STATION_KEEPER}, order=39)
    nav.register_waiting(
        {Role.STAFF, Role.STATION_KEEPER, Role.DEPUTY, Role.UNIT_HANDLER, Role.UNIT_HEAD}, selectors.waiting
    )
    links.register("给代表留言", "反映社情民意，凭查询码查看办理进度和答复", "contact_public:new", order=20)
    links.register("留言查询", "输入查询码，查看留言办理进度", "contact_public:track", order=21)
    links.register("接待日安排", "代表联络站选民接待日和接待代表", "contact_public:receptions", order=22)
    _deputy_profile()


def _message_url(person, mandates) -> str | None:
    """The deputy's current seat and the station the profile shows for it (its first by name), so the message
    reaches that station's keeper; intake checks the pair (services.intake.station_of)."""
    from django.urls import reverse

    current = [m for m in mandates if getattr(m, "is_current", True)]
    if not current:
        return None
    mandate = current[0]
    stations = sorted((s for s in mandate.stations.all() if s.active), key=lambda s: s.name)
    station = f"&station={stations[0].pk}" if stations else ""
    return f"{reverse('contact_public:new')}?deputy={mandate.pk}{station}"


def _reception_panel(request, person, mandates) -> str:
    """The deputy's published reception days on the public profile."""
    from django.template.loader import render_to_string
    from django.utils import timezone

    from .choices import ReceptionStatus
    from .models import DutyAssignment

    duties = (
        DutyAssignment.objects.filter(
            mandate__in=[m.pk for m in mandates],
            declined_reason="",
            reception__status=ReceptionStatus.PUBLISHED,
            reception__date__gte=timezone.localdate(),
        )
        .select_related("reception__station")
        .order_by("reception__date", "id")[:10]
    )
    # A deputy with a county and a township seat can be on duty twice the same day: show the day once.
    seen: set[int] = set()
    duties = [d for d in duties if not (d.reception_id in seen or seen.add(d.reception_id))][:5]
    return (
        render_to_string("contact/public/_profile_panel.html", {"duties": duties}, request=request)
        if duties
        else ""
    )


def _deputy_profile() -> None:
    """The deputies app's extension points: a button and a panel on the public profile."""
    from renda.deputies import hooks as deputy_hooks

    deputy_hooks.register_profile_action(10, "给代表留言", _message_url)
    deputy_hooks.register_profile_panel(30, _reception_panel)
