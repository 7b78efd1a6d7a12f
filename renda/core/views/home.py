from django.db.models import Count, Q
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from renda.core import params

from .. import calendar, nav
from ..roles import ADMIN_ROLES, Role


def year_param(request) -> int:
    """`?year=`: four digits between 2000 and 2100, anything else is this year (a long number must not 500)."""
    return params.year_param(request.GET.get("year"))


def leader_figures(user, year: int) -> dict:
    """What a leader acts on, read through each app's selectors (no writes): items waiting for the leader's
    decision, what is past its deadline, and the year's handling rates of the leader's congress."""
    from renda.contact import selectors as contact
    from renda.duties import selectors as duties
    from renda.duties.choices import TriggerStatus
    from renda.suggestions import rates
    from renda.suggestions import selectors as suggestions
    from renda.suggestions.models import DueState, Kind, State

    from ..selectors import deputy_bodies

    # One aggregate over the suggestions in scope for all four of its figures.
    c = suggestions.items_for(user).aggregate(
        motions=Count("id", filter=Q(state=State.SUBMITTED, kind=Kind.MOTION)),
        escalated=Count("id", filter=Q(state=State.ESCALATED)),
        candidates=Count(
            "id", filter=Q(state__in=[State.HANDED_OVER, State.HANDLING, State.REHANDLING], is_priority=False)
        ),
        overdue=Count("id", filter=Q(due_state=DueState.OVERDUE)),
    )
    decide = [
        ("议案待审查决定", c["motions"], reverse("suggestions:screening")),
        ("再次不满意、待评估会商的建议", c["escalated"], reverse("suggestions:list") + "?state=escalated"),
        ("可确定重点督办的在办建议", c["candidates"], reverse("suggestions:supervise")),
        (
            "待审核的履职申报",
            duties.pending_declarations(user).count(),
            reverse("duties:records") + "?status=pending",
        ),
        (
            "待决定的履职提示（约谈、劝辞、资格终止）",
            duties.triggers_in_scope(user).filter(status=TriggerStatus.OPEN).count(),
            reverse("duties:triggers"),
        ),
    ]
    overdue = [
        ("超期未办的建议", c["overdue"], reverse("suggestions:overdue")),
        ("超期未办的群众留言", contact.overdue(user).count(), reverse("contact:overdue")),
    ]
    body = deputy_bodies(user).first()
    summary = rates.totals(rates.unit_rates(body=body, year=year)) if body else None
    shown = (("on_time", "办复率（按时）"), ("solved_ab", "解决率（A+B）"), ("satisfied", "满意率"))
    return {
        "decide": [{"label": a, "count": n, "url": u} for a, n, u in decide],
        "overdue": [{"label": a, "count": n, "url": u} for a, n, u in overdue],
        "body": body,
        "rates": [{"label": label, "rate": summary[k]} for k, label in shown] if summary else [],
        "year": year,
        "years": range(timezone.localdate().year, timezone.localdate().year - 3, -1),
    }


def home(request):
    """Each role's home page: what waits for this user, from every app's registered providers."""
    user = request.user
    if (view := nav.home_for(user)) is not None:
        return view(request)
    waiting = nav.waiting_for(user)
    missing_year = None
    if user.role in (Role.SYSTEM_ADMIN, Role.STAFF):
        missing_year = calendar.missing_next_year(timezone.localdate())
    return render(
        request,
        "core/home.html",
        {
            "waiting": waiting,
            "missing_year": missing_year,
            "is_admin": user.role in ADMIN_ROLES,
            "quick_links": [i for i in nav.nav_for(user) if i.url_name != "core:home"],
            "leader": leader_figures(user, year_param(request)) if user.role == Role.LEADER else None,
        },
    )
