"""Rule changes with recompute-and-show-what-changed, and publication of scores (domain.md §3.3)."""

import itertools
from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.db.models import DecimalField, ExpressionWrapper, F, Q

from renda.core import audit
from renda.core.errors import Refused
from renda.deputies.models import Mandate

from .. import permissions, scoring
from ..choices import Outcome
from ..models import (
    Band,
    DutyRecord,
    DutyType,
    Publication,
    PublishedScore,
    RecomputeRun,
    Requirement,
    RuleSet,
    TypePoints,
)


def check_bands(bands: Sequence[tuple[str, Decimal, Decimal | None, bool]]) -> None:
    """Bands must not overlap: [min, max) intervals, at most one open-ended."""
    if not bands:
        raise Refused("bands_missing", "请至少设置一个等次")
    ordered = sorted(bands, key=lambda b: b[1])
    for label, lo, hi, _poor in ordered:
        if not label.strip():
            raise Refused("band_without_label", "等次名称不能为空")
        if hi is not None and hi <= lo:
            raise Refused("band_empty", f"等次“{label}”的最高分须大于最低分")
    for (la, _lo_a, hi_a, _), (lb, lo_b, _hi_b, _) in itertools.pairwise(ordered):
        if hi_a is None or hi_a > lo_b:
            raise Refused("bands_overlap", f"等次“{la}”与“{lb}”的分数区间重叠")


def _year_scores(body, year: int) -> dict[int, scoring.Score]:
    start, end = scoring.year_bounds(year)
    mandates = Mandate.objects.filter(body=body, duty_records__year=year).distinct()
    return {
        s.mandate_id: s
        for s in scoring.scores(Mandate.objects.filter(pk__in=mandates.values("pk")), start=start, end=end)
    }


def rewrite_points(ruleset: RuleSet) -> int:
    """Write the rule set's points onto every record of its body and year: one UPDATE per type and outcome."""
    n = 0
    base = DutyRecord.objects.filter(body=ruleset.body, year=ruleset.year)
    tps = {tp.duty_type_id: tp.points for tp in ruleset.type_points.all()}
    for dtype in DutyType.objects.filter(body=ruleset.body):
        pts = tps.get(dtype.pk, dtype.default_points)
        n += base.filter(duty_type=dtype, outcome=Outcome.ATTENDED).exclude(points=pts).update(points=pts)
        # Leave counts per half day (Jiangbei); each record keeps its half days.
        leave = ExpressionWrapper(
            F("half_days") * (ruleset.leave_points if dtype.is_session else Decimal(0)),
            output_field=DecimalField(max_digits=6, decimal_places=2),
        )
        n += base.filter(duty_type=dtype, outcome=Outcome.LEAVE).exclude(points=leave).update(points=leave)
    n += (
        base.filter(outcome=Outcome.ABSENT)
        .exclude(points=ruleset.absence_points)
        .update(points=ruleset.absence_points)
    )
    return n


@transaction.atomic
def update_rules(
    ruleset: RuleSet,
    *,
    base_score: Decimal,
    leave_points: Decimal,
    absence_points: Decimal,
    cycle: str,
    publish_to_portal: bool,
    type_points: dict[int, tuple[Decimal, Decimal | None]],
    bands: Sequence[tuple[str, Decimal, Decimal | None, bool]],
    reason: str,
    by,
    requirements: Sequence[tuple[str, list[str], int]] | None = None,
) -> RecomputeRun:
    """Change a rule set, recompute every record of its year and keep whose score or band changed.
    Refuses overlapping bands and types of another body; nothing changes then."""
    ruleset = RuleSet.objects.select_for_update().select_related("body").get(pk=ruleset.pk)
    permissions.require_manage(by, ruleset.body, action="修改积分规则")
    check_bands(bands)
    own_types = set(DutyType.objects.filter(body=ruleset.body).values_list("pk", flat=True))
    if set(type_points) - own_types:
        raise Refused("type_other_body", "积分规则只能包含本机关的履职类型")
    before = _year_scores(ruleset.body, ruleset.year)
    ruleset.base_score, ruleset.leave_points, ruleset.absence_points = (
        base_score,
        leave_points,
        absence_points,
    )
    ruleset.cycle, ruleset.publish_to_portal = cycle, publish_to_portal
    ruleset.save()
    for type_id, (pts, cap) in type_points.items():
        TypePoints.objects.update_or_create(
            ruleset=ruleset, duty_type_id=type_id, defaults={"points": pts, "cap": cap}
        )
    ruleset.bands.all().delete()
    Band.objects.bulk_create(
        Band(ruleset=ruleset, label=label.strip(), min_score=lo, max_score=hi, poor=poor)
        for label, lo, hi, poor in bands
    )
    if requirements is not None:
        ruleset.requirements.all().delete()
        Requirement.objects.bulk_create(
            Requirement(ruleset=ruleset, label=label, type_codes=codes, min_count=n)
            for label, codes, n in requirements
        )
    updated = rewrite_points(ruleset)
    after = _year_scores(ruleset.body, ruleset.year)
    names = dict(Mandate.objects.filter(pk__in=set(before) | set(after)).values_list("pk", "person__name"))
    changes = []
    for mid in sorted(set(before) | set(after)):
        b, a = before.get(mid), after.get(mid)
        if b is None or a is None or b.total != a.total or b.band != a.band:
            changes.append(
                {
                    "mandate": mid,
                    "name": names.get(mid, ""),
                    "before": str(b.total) if b else None,
                    "after": str(a.total) if a else None,
                    "band_before": b.band if b else "",
                    "band_after": a.band if a else "",
                }
            )
    run = RecomputeRun.objects.create(
        ruleset=ruleset, by=by, reason=reason or "修改积分规则", changes=changes, records_updated=updated
    )
    audit.record(
        "duty.update_rules",
        ruleset,
        by=by,
        after={"changed_scores": len(changes), "records_updated": updated},
    )
    return run


@transaction.atomic
def publish(body, *, year: int, period: str, by, to_portal: bool | None = None) -> Publication:
    """Freeze the scores of a period (季度亮分 or yearly). On the portal when `to_portal` says so, else as the
    year's rule set says (on by default). Refuses a bad period or year and a period published already."""
    permissions.require_manage(by, body, action="公布积分")
    if period not in ("Y", "Q1", "Q2", "Q3", "Q4"):
        raise Refused("bad_period", "期间只能是全年或某一季度")
    if not 2000 <= year <= 2100:
        raise Refused("bad_year", "年度应在 2000 至 2100 之间")
    from .setup import ruleset_for

    rs = ruleset_for(body, year)
    if Publication.objects.filter(body=body, year=year, period=period).exists():
        raise Refused("already_published", "该期间的积分已经公布")
    start, end = scoring.period_bounds(year, period)
    pub = Publication.objects.create(
        body=body,
        year=year,
        period=period,
        start=start,
        end=end,
        to_portal=rs.publish_to_portal if to_portal is None else to_portal,
        by=by,
    )
    held = Mandate.objects.filter(body=body, start_date__lte=end).filter(
        Q(end_date__isnull=True) | Q(end_date__gt=start)
    )
    PublishedScore.objects.bulk_create(
        PublishedScore(
            publication=pub,
            mandate_id=s.mandate_id,
            total=s.total,
            band=s.band,
            rank=s.rank,
            records=s.records,
        )
        for s in scoring.scores(held, start=start, end=end)
    )
    audit.record("duty.publish", pub, by=by, after={"period": pub.label, "portal": pub.to_portal})
    return pub


@transaction.atomic
def set_portal(publication: Publication, *, to_portal: bool, by) -> Publication:
    """Show a publication on the public portal or take it down; the frozen scores stay as published."""
    pub = Publication.objects.select_for_update().select_related("body").get(pk=publication.pk)
    permissions.require_manage(by, pub.body, action="门户公示积分")
    if pub.to_portal != to_portal:
        pub.to_portal = to_portal
        pub.save(update_fields=["to_portal"])
        audit.record(
            "duty.set_portal", pub, by=by, before={"portal": not to_portal}, after={"portal": to_portal}
        )
    return pub
