"""Appraisal of departments and appointed officials (工作评议·述职评议, domain.md §5.4)."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from renda.core import audit
from renda.core.errors import Refused

from .. import permissions
from ..choices import Outcome
from ..models import Appraisal, Appraisee, Criterion, RaterGroup, Score
from . import followups

HUNDRED = Decimal(100)


@transaction.atomic
def set_sheet(
    a: Appraisal, *, criteria: list[tuple[str, Decimal, Decimal]], groups: list[tuple[str, Decimal]], by
) -> Appraisal:
    """Criteria (name, weight %, max) and rater groups (name, weight %); each weight set must sum to 100 %."""
    permissions.require_staff(by, "设置评分表")
    a = Appraisal.objects.select_for_update().get(pk=a.pk)
    if a.locked:
        raise Refused("sheet_locked", "已开始录入评分，评分表和权重不能再修改")
    if not criteria or not groups:
        raise Refused("sheet_empty", "请至少设置一个评分项和一个评议主体")
    for label, rows in (("评分项", [(c[0], c[1]) for c in criteria]), ("评议主体", groups)):
        total = sum(Decimal(w) for _, w in rows)
        if total != HUNDRED:
            raise Refused("weights_not_100", f"{label}权重合计为 {total}%，须等于 100%")
        if any(Decimal(w) <= 0 for _, w in rows):
            raise Refused("weight_not_positive", f"{label}权重须大于 0")
    if any(Decimal(m) <= 0 for _, _, m in criteria):
        raise Refused("max_not_positive", "满分须大于 0")
    a.criteria.all().delete()
    a.groups.all().delete()
    Criterion.objects.bulk_create(
        [
            Criterion(appraisal=a, name=n, weight=w, max_score=m, order=i)
            for i, (n, w, m) in enumerate(criteria)
        ]
    )
    RaterGroup.objects.bulk_create(
        [RaterGroup(appraisal=a, name=n, weight=w, order=i) for i, (n, w) in enumerate(groups)]
    )
    audit.record("supervision.appraisal_sheet", a, by=by)
    return a


@transaction.atomic
def enter_scores(appraisee: Appraisee, *, group: RaterGroup, values: dict[int, Decimal], by) -> Appraisee:
    """One rater group's average per criterion for one appraisee; a score outside 0..max is refused by name."""
    permissions.require_staff(by, "录入评分")
    a = Appraisal.objects.select_for_update().get(pk=appraisee.appraisal_id)
    if group.appraisal_id != a.pk:
        raise Refused("group_foreign", "评议主体不属于本次评议")
    criteria = {c.pk: c for c in a.criteria.all()}
    for cid, v in values.items():
        c = criteria.get(cid)
        if c is None:
            raise Refused("criterion_foreign", "评分项不属于本次评议")
        if v < 0 or v > c.max_score:
            raise Refused("score_out_of_range", f"“{c.name}”得分 {v} 超出范围 0—{c.max_score}")
    for cid, v in values.items():
        Score.objects.update_or_create(
            appraisee=appraisee, group=group, criterion_id=cid, defaults={"value": v}
        )
    if not a.locked:
        a.locked = True
        a.save(update_fields=["locked"])
    audit.record("supervision.appraisal_scores", appraisee, by=by)
    return appraisee


def total_of(appraisee: Appraisee, criteria: dict, groups: dict, scores) -> Decimal | None:
    """Σ group weight × Σ criterion weight × score / max (all weights in %), on a 100-point scale."""
    by_pair = {(s.group_id, s.criterion_id): s.value for s in scores}
    if len(by_pair) < len(criteria) * len(groups):
        return None
    total = Decimal(0)
    for g in groups.values():
        part = sum((by_pair[(g.pk, c.pk)] / c.max_score * c.weight for c in criteria.values()), Decimal(0))
        total += part * g.weight / HUNDRED
    return total.quantize(Decimal("0.01"))


def dense_ranks(values: list[Decimal]) -> list[int]:
    """Competition ranking with ties ("1, 2, 2, 4"): equal totals share a place."""
    ordered = sorted(values, reverse=True)
    return [ordered.index(v) + 1 for v in values]


@transaction.atomic
def compute(a: Appraisal, *, by) -> Appraisal:
    """Totals, then ranks within each ranked list; appraisees ranked apart get a total but no place."""
    permissions.require_staff(by, "计算评议结果")
    criteria = {c.pk: c for c in a.criteria.all()}
    groups = {g.pk: g for g in a.groups.all()}
    people = list(a.appraisees.prefetch_related("scores"))
    for p in people:
        p.total = total_of(p, criteria, groups, p.scores.all())
        p.rank = None
    lists: dict[str, list[Appraisee]] = {}
    for p in people:
        if p.ranked and p.total is not None:
            lists.setdefault(p.list_name, []).append(p)
    for members in lists.values():
        for p, r in zip(members, dense_ranks([m.total for m in members]), strict=True):
            p.rank = r
    Appraisee.objects.bulk_update(people, ["total", "rank"])
    audit.record("supervision.appraisal_compute", a, by=by)
    return a


@transaction.atomic
def decide(appraisee: Appraisee, *, outcome: str, consequence: str, by) -> Appraisee:
    """The body's decision on an appointed official (seed 001: 不合格 → 免职), recorded with its consequence."""
    permissions.require_staff(by, "记录评议结果")
    if outcome not in Outcome.values:
        raise Refused("outcome_unknown", "评议结果须为合格、基本合格或不合格")
    if outcome == Outcome.UNQUALIFIED and not consequence.strip():
        raise Refused("consequence_required", "评议不合格的，须记录处理结果（如依法免职）")
    appraisee.outcome, appraisee.consequence = outcome, consequence.strip()[:200]
    appraisee.save(update_fields=["outcome", "consequence"])
    audit.record("supervision.appraisal_decide", appraisee, by=by, after={"outcome": outcome})
    return appraisee


@transaction.atomic
def rectify(appraisee: Appraisee, *, title: str, months: int | None = None, by):
    """A 整改 item from the appraisal, tracked with its own deadline."""
    permissions.require_staff(by, "交办整改事项")
    if not title.strip():
        raise Refused("title_empty", "请填写整改事项")
    return followups.start(
        appraisee,
        body=appraisee.appraisal.body,
        unit=appraisee.unit,
        origin="评议整改",
        title=title.strip(),
        months=months,
        clock="rectify_months",
        cite="domain.md §5.4 评议整改",
        by=by,
    )


@transaction.atomic
def publish(a: Appraisal, *, by) -> Appraisal:
    permissions.require_staff(by, "公布评议结果")
    if a.appraisees.filter(total__isnull=True, ranked=True).exists():
        raise Refused("scores_missing", "还有参加排名的对象评分不全，请补齐后计算再公布")
    a.published_at = timezone.now()
    a.save(update_fields=["published_at"])
    audit.record("supervision.appraisal_publish", a, by=by)
    return a
