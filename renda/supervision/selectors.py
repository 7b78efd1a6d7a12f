"""Reads of supervision, each starting from the user's data scope (core.permissions.scope)."""

from datetime import date

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from renda.core.permissions import scope
from renda.core.roles import Role

from .choices import FollowStatus, ItemStatus, Kind, OpinionStatus, WarningStatus
from .models import Appraisal, FollowUp, Hearing, Line, Month, Opinion, PlanItem, Project, Warning


def items(user, *, year: int | None = None, kind: str = "", committee=None, unit=None) -> QuerySet[PlanItem]:
    qs = scope(PlanItem.objects.all(), user, body_field="plan__body", unit_field="unit")
    if year:
        qs = qs.filter(plan__year=year)
    if kind:
        qs = qs.filter(kind=kind)
    if committee:
        qs = qs.filter(committee=committee)
    if unit:
        qs = qs.filter(unit=unit)
    return qs.select_related("plan", "unit", "committee")


def opinions(user) -> QuerySet[Opinion]:
    return scope(
        Opinion.objects.all(), user, body_field="item__plan__body", unit_field="unit"
    ).select_related("item", "unit")


def followups(user) -> QuerySet[FollowUp]:
    return scope(FollowUp.objects.all(), user, unit_field="unit").select_related("unit")


def warnings(user) -> QuerySet[Warning]:
    return scope(Warning.objects.all(), user, unit_field="unit").select_related("rule", "unit", "line")


def overview(user, *, year: int, on: date, committee=None, unit=None) -> dict:
    """Counts per kind, overdue items and chart data for the overview page (one aggregate query per figure)."""
    its = items(user, year=year, committee=committee, unit=unit)
    by_kind = {
        r["kind"]: r
        for r in its.values("kind").annotate(
            total=Count("id"),
            done=Count("id", filter=Q(status=ItemStatus.DONE)),
            heard=Count("id", filter=Q(status=ItemStatus.HEARD)),
        )
    }
    kinds = [
        {
            "kind": k,
            "label": label,
            "total": by_kind.get(k, {}).get("total", 0),
            "done": by_kind.get(k, {}).get("done", 0),
            "heard": by_kind.get(k, {}).get("heard", 0),
        }
        for k, label in Kind.choices
    ]
    ops = opinions(user).filter(item__plan__year=year)
    if committee:
        ops = ops.filter(item__committee=committee)
    if unit:
        ops = ops.filter(unit=unit)
    fus = followups(user).filter(created_at__year=year)
    if unit:
        fus = fus.filter(unit=unit)
    ws = warnings(user).filter(year=year)
    if unit:
        ws = ws.filter(unit=unit)
    overdue_opinions = ops.filter(status=OpinionStatus.SENT, report_due__lt=on)
    overdue_followups = fus.filter(status=FollowStatus.OPEN, due__lt=on)
    late_materials = its.filter(
        final_due__lt=on, materials_in__isnull=True, status__in=[ItemStatus.PLANNED, ItemStatus.PREPARING]
    )
    op_states = dict(ops.values_list("status").annotate(n=Count("id")))
    w_rules = sorted(
        ws.values("rule__code").annotate(n=Count("id")).order_by(), key=lambda r: int(r["rule__code"][1:])
    )
    return {
        "kinds": kinds,
        "opinions": {s.label: op_states.get(s.value, 0) for s in OpinionStatus},
        "overdue_opinions": overdue_opinions,
        "overdue_followups": overdue_followups,
        "late_materials": late_materials,
        "followups_open": fus.filter(status=FollowStatus.OPEN).count(),
        "followups_closed": fus.filter(status=FollowStatus.CLOSED).count(),
        "warnings_open": ws.exclude(status=WarningStatus.CLOSED).count(),
        "warnings_closed": ws.filter(status=WarningStatus.CLOSED).count(),
        "warning_rules": w_rules,
        "appraisals": scope(Appraisal.objects.filter(year=year), user).count(),
        "hearings": scope(Hearing.objects.filter(held_on__year=year), user).count(),
        "projects": scope(Project.objects.filter(year=year), user).count(),
    }


def budget_tree(body, year: int, *, unit=None, line=None) -> dict:
    """Drill-down: the whole budget per department → one department's items → one item's months."""
    lines = Line.objects.filter(body=body, year=year)
    if line is not None:
        months = dict(Month.objects.filter(line=line).values_list("month", "amount"))
        return {
            "level": "line",
            "rows": [{"name": f"{m}月", "value": float(months.get(m, 0))} for m in range(1, 13)],
            "budget": float(line.budget),
        }
    if unit is not None:
        rows = (
            lines.filter(unit=unit)
            .annotate(spent=Coalesce(Sum("months__amount"), 0, output_field=Line._meta.get_field("budget")))
            .order_by("-budget")
        )
        return {
            "level": "unit",
            "rows": [
                {"id": r.pk, "name": r.name, "budget": float(r.budget), "spent": float(r.spent)}
                for r in rows[:60]
            ],
        }
    budgets = dict(lines.values("unit__name").annotate(b=Sum("budget")).values_list("unit__name", "b"))
    spent = dict(
        Month.objects.filter(line__in=lines)
        .values("line__unit__name")
        .annotate(s=Sum("amount"))
        .values_list("line__unit__name", "s")
    )
    ids = dict(lines.values_list("unit__name", "unit_id").distinct())
    rows = [
        {"id": ids[n], "name": n, "budget": float(b), "spent": float(spent.get(n, 0))}
        for n, b in budgets.items()
    ]
    rows.sort(key=lambda r: -r["budget"])
    return {"level": "body", "rows": rows}


def waiting(user):
    """The leader's and staff's home-page line: overdue opinions and follow-ups, open budget warnings."""
    from django.urls import reverse
    from django.utils import timezone

    from renda.core.nav import Waiting

    on = timezone.localdate()
    out = []
    if user.role == Role.DEPUTY:
        return _rating_waiting(user, Waiting, reverse)
    overdue = (
        followups(user).filter(status=FollowStatus.OPEN, due__lt=on).count()
        + opinions(user).filter(status=OpinionStatus.SENT, report_due__lt=on).count()
    )
    if overdue:
        out.append(
            Waiting("监督事项逾期", overdue, reverse("supervision:overview"), "danger", "审议意见、跟踪督办")
        )
    if user.role in (Role.STAFF, Role.LEADER):
        open_w = warnings(user).filter(status=WarningStatus.PUSHED).count()
        if open_w:
            out.append(Waiting("预算预警待说明", open_w, reverse("supervision:warnings"), "warning"))
    if user.role in (Role.UNIT_HANDLER, Role.UNIT_HEAD):
        mine = (
            followups(user).filter(status=FollowStatus.OPEN).count()
            + opinions(user).filter(status=OpinionStatus.SENT).count()
        )
        if mine:
            out.append(Waiting("人大监督待办", mine, reverse("supervision:followups"), "warning"))
    return out


def _rating_waiting(user, waiting_cls, reverse) -> list:
    """A deputy's line: the livelihood projects whose year-end rating is open and which they have not rated."""
    from django.contrib.contenttypes.models import ContentType

    from renda.voting.models import Participation, Poll

    ct = ContentType.objects.get_for_model(Project)
    open_polls = Poll.objects.filter(content_type=ct, state="open", voters__user=user)
    left = open_polls.exclude(pk__in=Participation.objects.filter(voter=user).values("poll_id")).count()
    if not left:
        return []
    return [
        waiting_cls(
            "民生实事年终测评", left, reverse("supervision:project_rate"), "primary", "请在手机上测评"
        )
    ]
