"""Appraisal of departments and appointed officials (工作评议·述职评议, domain.md §5.4)."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from renda.core import audit
from renda.core.errors import Refused

from .. import permissions
from ..models import Appraisal, Appraisee, Criterion, GradeRule, RaterGroup, Score
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


def check_bands(bands: list) -> None:
    """Bands from the highest down, each with a label and a minimum; the last reaches 0 (every total graded)."""
    if not bands:
        raise Refused("bands_empty", "等次规则至少要有一个等次")
    last = None
    for k, b in enumerate(bands, start=1):
        label, low = str(b.get("label", "")).strip(), b.get("min")
        if not label or len(label) > 12:
            raise Refused("band_label", f"第{k}个等次的名称为空或超过12字")
        if not isinstance(low, int | float) or not 0 <= low <= 100:
            raise Refused("band_min", f"等次“{label}”的最低分须为 0—100 的数")
        if last is not None and low >= last:
            raise Refused("band_order", f"等次“{label}”的最低分须低于上一等次（{last}分）")
        last = low
    if last != 0:
        raise Refused("band_floor", "最低一个等次的最低分须为 0，使每个总分都有等次")


def parse_bands(text: str) -> list[dict]:
    """The policy page's lines "等次，最低分，处理结果" (the consequence may be empty), highest first; a bad line is
    refused with its number."""
    bands = []
    for k, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        parts = [p.strip() for p in line.replace("，", ",").split(",", 2)]
        if len(parts) < 2:
            raise Refused("band_line", f"第{k}行应为“等次，最低分，处理结果”")
        try:
            low = float(parts[1])
        except ValueError:
            raise Refused("band_min", f"第{k}行的最低分“{parts[1]}”不是数字") from None
        bands.append(
            {
                "label": parts[0],
                "min": int(low) if low.is_integer() else low,
                "consequence": (parts[2] if len(parts) > 2 else "")[:100],
            }
        )
    check_bands(bands)
    return bands


def rule_for(body, kind: str, *, save: bool = True) -> GradeRule:
    """The body's latest grade rule for this kind of appraisal: its own, else the defaults — written as
    version 1 when `save` (grading needs a row to point at), an unsaved row for a page that only shows it."""
    from ..grade_rules import DEFAULTS

    rule = GradeRule.objects.filter(body=body, kind=kind).order_by("-version").first()
    if rule is None:
        d = DEFAULTS[kind]
        rule = GradeRule(body=body, kind=kind, name=d["name"], article=d["article"], bands=d["bands"])
        if save:
            rule.save()
    return rule


@transaction.atomic
def revise_rule(body, kind: str, *, bands: list, by) -> GradeRule:
    """A new version of the grade rule; appraisals already graded keep the version they were graded by."""
    permissions.require_staff(by, "修订评议等次规则")
    check_bands(bands)
    old = rule_for(body, kind)
    rule = GradeRule.objects.create(
        body=body, kind=kind, version=old.version + 1, name=old.name, article=old.article, bands=bands
    )
    audit.record("supervision.grade_rule_revise", rule, by=by, after={"version": rule.version})
    return rule


def grade_of(total: Decimal, rule: GradeRule) -> tuple[str, str, str]:
    """(grade, consequence, the sentence citing the rule) for a total."""
    for b in rule.bands:
        if total >= Decimal(str(b["min"])):
            cons = b.get("consequence", "")
            why = f"依据“{rule.name}”第{rule.version}版（{rule.article}）：总分{total}，达到“{b['label']}”的{b['min']}分"
            return b["label"], cons, (why + (f"，{cons}" if cons else ""))[:400]
    raise Refused("band_floor", "等次规则没有覆盖该总分")


@transaction.atomic
def compute(a: Appraisal, *, by) -> Appraisal:
    """Totals, then ranks within each ranked list (appraisees ranked apart get a total but no place), then
    each total's grade and consequence by the body's grade rule (kept on the appraisal: its version is fixed
    from the first computation). A grade the standing committee decided otherwise (`decide`) is kept."""
    permissions.require_staff(by, "计算评议结果")
    a = Appraisal.objects.select_for_update().get(pk=a.pk)
    if a.grade_rule_id is None:
        a.grade_rule = rule_for(a.body, a.kind)
        a.save(update_fields=["grade_rule"])
    rule = a.grade_rule
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
    for p in people:
        if p.decided:
            continue
        if p.total is None:
            p.outcome = p.consequence = p.outcome_rule = ""
        else:
            p.outcome, p.consequence, p.outcome_rule = grade_of(p.total, rule)
    Appraisee.objects.bulk_update(people, ["total", "rank", "outcome", "consequence", "outcome_rule"])
    audit.record("supervision.appraisal_compute", a, by=by)
    return a


@transaction.atomic
def decide(appraisee: Appraisee, *, outcome: str, consequence: str, reason: str = "", by) -> Appraisee:
    """The standing committee's own decision on a grade (it differs from the rule's, or confirms it),
    recorded with its consequence and reason. The grade must be one of the rule's; a grade whose band carries
    a consequence (不合格 → 依法提请免职) must record one (seed 001: 一律免职)."""
    permissions.require_staff(by, "记录评议结果")
    a = appraisee.appraisal
    rule = a.grade_rule or rule_for(a.body, a.kind, save=False)
    bands = {b["label"]: b for b in rule.bands}
    if outcome not in bands:
        raise Refused("outcome_unknown", f"评议等次须为：{'、'.join(bands)}（{rule}）")
    if bands[outcome].get("consequence") and not consequence.strip():
        raise Refused(
            "consequence_required",
            f"评议为“{outcome}”的，须记录处理结果（规则：{bands[outcome]['consequence']}）",
        )
    appraisee.outcome, appraisee.consequence = outcome, consequence.strip()[:200]
    appraisee.decided = True
    appraisee.outcome_rule = f"常委会决定：{reason.strip() or '按评议结果'}（等次规则：{rule}）"[:400]
    appraisee.save(update_fields=["outcome", "consequence", "decided", "outcome_rule"])
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
