"""Budget warnings (预算联网监督, 监督法第三十条; rules B1–B17 as versioned data) and their closed loop
(推送 → 说明 → 跟踪 → 关闭, domain.md §5.5).

The data rules on monthly execution (B10, B11, B12, B14) share one aggregate pass over the month rows,
grouped per item with conditional sums, and the database keeps only the items some rule flags (HAVING),
so 1,000,000 rows cost one scan (benchmarks/modules/supervision.py compares it with hand-written SQL).
"""

import operator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import reduce

from django.db import transaction
from django.db.models import DecimalField, ExpressionWrapper, F, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from renda.core import audit, policy
from renda.core.errors import Refused
from renda.core.models import Body

from .. import permissions
from ..budget_rules import DEFAULTS
from ..choices import EventKind as E
from ..choices import LineCategory, Severity
from ..models import Event, Line, Month, Rule, RuleSet, SupervisionPolicy, Warning
from ..workflow import WARNING
from . import followups

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=16, decimal_places=2))


@dataclass(frozen=True)
class Finding:
    code: str
    key: str
    severity: str
    message: str
    unit_id: int | None = None
    line_id: int | None = None
    event_id: int | None = None


def current_ruleset(body: Body) -> RuleSet:
    """The body's newest rule set; made from the defaults on first use."""
    rs = RuleSet.objects.filter(body=body).order_by("-version").first()
    if rs is None:
        with transaction.atomic():
            rs = RuleSet.objects.create(
                body=body, version=1, effective_from=date(2000, 1, 1), note="默认规则（B1–B17）"
            )
            Rule.objects.bulk_create(
                [
                    Rule(ruleset=rs, code=c, title=t, article=a, params=p, severity=s)
                    for c, t, a, p, s in DEFAULTS
                ]
            )
    return rs


@transaction.atomic
def revise_rule(body: Body, *, code: str, params: dict, enabled: bool, note: str, by) -> RuleSet:
    """A new version of the rule set with one rule changed; warnings keep the version that raised them."""
    permissions.require_staff(by, "修订预警规则")
    old = current_ruleset(body)
    rule = old.rules.filter(code=code).first()
    if rule is None:
        raise Refused("rule_unknown", f"没有规则 {code}")
    for k, v in params.items():
        if k not in rule.params:
            raise Refused("param_unknown", f"规则 {code} 没有参数 {k}")
        if isinstance(rule.params[k], int) and (not isinstance(v, int) or v < 0):
            raise Refused("param_invalid", f"规则 {code} 的参数 {k} 须为非负整数")
    if not note.strip():
        raise Refused("note_required", "请写明修订理由")
    new = RuleSet.objects.create(
        body=body, version=old.version + 1, effective_from=timezone.localdate(), note=note.strip()[:200]
    )
    rows = []
    for r in old.rules.all():
        p = dict(r.params)
        if r.code == code:
            p.update(params)
        rows.append(
            Rule(
                ruleset=new,
                code=r.code,
                title=r.title,
                article=r.article,
                params=p,
                severity=r.severity,
                enabled=enabled if r.code == code else r.enabled,
            )
        )
    Rule.objects.bulk_create(rows)
    audit.record("supervision.rules_revise", new, by=by, after={"code": code})
    return new


def _pct(part, whole) -> str:
    return f"{(Decimal(part) * 100 / whole):.1f}%" if whole else "—"


def execution_findings(body: Body, year: int, as_of: int, rules: dict[str, Rule]) -> list[Finding]:
    """B10, B11, B12 (三公), B14 in one grouped pass over the month rows."""
    m = as_of
    b = F("line__budget")
    dec = DecimalField(max_digits=18, decimal_places=4)
    ann = {
        "to_date": Coalesce(Sum("amount", filter=Q(month__lte=m)), ZERO),
        "jan_nov": Coalesce(Sum("amount", filter=Q(month__lte=11)), ZERO),
        "dec": Coalesce(Sum("amount", filter=Q(month=12)), ZERO),
    }
    quarters = range(1, m // 3 + 1)
    for q in quarters:
        ann[f"q{q}"] = Coalesce(Sum("amount", filter=Q(month__gt=3 * q - 3, month__lte=3 * q)), ZERO)
    flags: list[Q] = []  # OR-ed in HAVING; never Q(pk__in=[]) as a seed (pk would join the GROUP BY)
    r10, r11, r12, r14 = (rules.get(c) for c in ("B10", "B11", "B12", "B14"))
    if r10 and m == 12:
        flags.append(
            Q(
                jan_nov__lt=ExpressionWrapper(b * Decimal(r10.params["jan_nov_pct"]) / 100, output_field=dec),
                dec__gt=ExpressionWrapper(b * Decimal(r10.params["dec_pct"]) / 100, output_field=dec),
            )
        )
    if r11 and quarters:
        zero = reduce(operator.or_, [Q(**{f"q{q}": 0}) for q in quarters])
        flags.append(Q(zero, line__category__in=r11.params["categories"], line__budget__gt=0))
    if r12:
        flags.append(Q(line__category=LineCategory.THREE_PUBLIC, to_date__gt=b))
    if r14:
        lag = Decimal(m) / 12 - Decimal(r14.params["yellow_points"]) / 100
        flags.append(
            Q(
                to_date__lt=ExpressionWrapper(b * lag, output_field=dec),
                line__budget__gt=0,
                line__category__in=r14.params["categories"],
            )
        )
    if not flags:
        return []
    rows = (
        Month.objects.filter(line__body=body, line__year=year)
        .values("line_id", "line__unit_id", "line__code", "line__name", "line__category", "line__budget")
        .annotate(**ann)
        .filter(reduce(operator.or_, flags))
        .order_by()
    )
    return list(classify(rows, m, rules))


def classify(rows, m: int, rules: dict[str, Rule]):
    """Which rules each flagged item breaks (shared with the hand-written SQL of the benchmark)."""
    r10, r11, r12, r14 = (rules.get(c) for c in ("B10", "B11", "B12", "B14"))
    elapsed = Decimal(m) / 12
    for r in rows:
        budget, lid, uid, name = r["line__budget"], r["line_id"], r["line__unit_id"], r["line__name"]
        if (
            r10
            and m == 12
            and r["jan_nov"] < budget * r10.params["jan_nov_pct"] / 100
            and r["dec"] > budget * r10.params["dec_pct"] / 100
        ):
            yield Finding(
                "B10",
                f"B10:{lid}",
                r10.severity,
                f"{name}：1—11月支出{_pct(r['jan_nov'], budget)}，12月支出{_pct(r['dec'], budget)}",
                uid,
                lid,
            )
        if r11 and budget > 0 and r["line__category"] in r11.params["categories"]:
            for q in range(1, m // 3 + 1):
                if r[f"q{q}"] == 0:
                    yield Finding(
                        "B11",
                        f"B11:{lid}:Q{q}",
                        r11.severity,
                        f"{name}：第{q}季度未执行，与预算安排不符",
                        uid,
                        lid,
                    )
        if r12 and r["line__category"] == LineCategory.THREE_PUBLIC and r["to_date"] > budget:
            yield Finding(
                "B12",
                f"B12:{lid}",
                r12.severity,
                f"{name}：三公经费支出{r['to_date']}元，超过预算{budget}元",
                uid,
                lid,
            )
        if r14 and budget > 0 and r["line__category"] in r14.params["categories"]:
            gap = (elapsed - r["to_date"] / budget) * 100
            if gap > r14.params["yellow_points"]:
                sev = Severity.RED if gap > r14.params["red_points"] else Severity.YELLOW
                yield Finding(
                    "B14",
                    f"B14:{lid}",
                    sev,
                    f"{name}：执行{_pct(r['to_date'], budget)}，低于序时进度{elapsed * 100:.1f}% 共{gap:.1f}个百分点",
                    uid,
                    lid,
                )


def reserve_findings(body: Body, year: int, rules: dict[str, Rule]) -> list[Finding]:
    r3 = rules.get("B3")
    if not r3:
        return []
    agg = Line.objects.filter(body=body, year=year).aggregate(
        total=Coalesce(Sum("budget"), ZERO),
        reserve=Coalesce(Sum("budget", filter=Q(category=LineCategory.RESERVE)), ZERO),
    )
    total, reserve = agg["total"], agg["reserve"]
    if not total:
        return []
    pct = reserve * 100 / total
    if pct < r3.params["min_pct"] or pct > r3.params["max_pct"]:
        return [
            Finding(
                "B3",
                "B3",
                r3.severity,
                f"预备费{reserve}元，占一般公共预算支出{pct:.2f}%，不在{r3.params['min_pct']}%—{r3.params['max_pct']}%之间",
            )
        ]
    return []


def _late(e: Event, days: int, today: date) -> int | None:
    """Days past the limit: done late, or still not done today."""
    if not e.base_on:
        return None
    end = e.done_on or today
    over = (end - e.base_on).days - days
    return over if over > 0 else None


def event_findings(body: Body, year: int, rules: dict[str, Rule], today: date) -> list[Finding]:
    out: list[Finding] = []

    def add(code: str, e: Event, text: str) -> None:
        r = rules[code]
        out.append(Finding(code, f"{code}:e{e.pk}", r.severity, text, e.unit_id, None, e.pk))

    for e in Event.objects.filter(body=body, year=year).select_related("unit"):
        who = e.unit.name if e.unit else "本级财政"
        k = e.kind
        if "B1" in rules and k in (E.ISSUE_DEPT, E.ISSUE_UNIT):
            days = rules["B1"].params["dept_days" if k == E.ISSUE_DEPT else "unit_days"]
            if (over := _late(e, days, today)) is not None:
                add("B1", e, f"{who}：{e.get_kind_display()}超过{days}日（超{over}日）")
        elif "B2" in rules and k in (E.TRANSFER_GENERAL, E.TRANSFER_SPECIAL):
            days = rules["B2"].params["general_days" if k == E.TRANSFER_GENERAL else "special_days"]
            if (over := _late(e, days, today)) is not None:
                add("B2", e, f"{e.title or e.get_kind_display()}：超过{days}日未下达（超{over}日）")
        elif "B4" in rules and k == E.RESERVE_USE and not e.approved:
            add("B4", e, f"{who}：动用预备费{e.amount}元，未经本级政府决定")
        elif k == E.ADJUSTMENT and not e.approved:
            if "B5" in rules and e.purpose in rules["B5"].params["purposes"]:
                add("B5", e, f"{who}：{e.purpose}{e.amount or ''}元，属预算调整，未报常委会批准")
            elif "B9" in rules and e.purpose in rules["B9"].params["purposes"]:
                add("B9", e, f"{who}：{e.purpose}{e.amount or ''}元，未履行调剂程序")
        elif "B6" in rules and k == E.ADJUSTMENT_DRAFT and e.base_on and e.done_on:
            if (e.base_on - e.done_on).days < rules["B6"].params["days"]:
                add(
                    "B6",
                    e,
                    f"预算调整方案于会前{(e.base_on - e.done_on).days}日送审，少于{rules['B6'].params['days']}日",
                )
        elif "B7" in rules and k == E.SURPLUS_USE and e.purpose not in rules["B7"].params["allowed"]:
            add("B7", e, f"超收收入{e.amount}元用于“{e.purpose}”，超出法定用途")
        elif "B8" in rules and k == E.CARRYOVER and e.years >= rules["B8"].params["years"]:
            add("B8", e, f"{who}：结转资金{e.amount}元连续{e.years}年未使用，应作结余")
        elif "B12" in rules and k == E.DEBT and e.amount and e.limit and e.amount > e.limit:
            add("B12", e, f"政府债务余额{e.amount}元超过限额{e.limit}元")
        elif "B12" in rules and k == E.PROCUREMENT and not e.approved:
            add("B12", e, f"{who}：{e.title or '采购'}未按规定程序采购")
        elif (
            "B13" in rules
            and k == E.CASH
            and (
                (e.amount and e.limit and e.amount > e.limit)
                or e.purpose in rules["B13"].params["suspicious"]
            )
        ):
            add("B13", e, f"{who}：提取现金{e.amount}元（{e.purpose or '超过限额'}）")
        elif (
            "B15" in rules
            and k == E.MIDYEAR_REPORT
            and e.done_on
            and e.done_on.month not in rules["B15"].params["months"]
        ):
            add("B15", e, f"预算执行情况报告于{e.done_on:%Y-%m-%d}听取，不在六月至九月期间")
        elif "B16" in rules and k == E.DRAFT_BUDGET and e.base_on and e.done_on:
            if (e.base_on - e.done_on).days < rules["B16"].params["days"]:
                add(
                    "B16",
                    e,
                    f"预算草案于会前{(e.base_on - e.done_on).days}日提交，少于{rules['B16'].params['days']}日",
                )
        elif "B17" in rules and k == E.FINAL_ISSUE:
            days = rules["B17"].params["unit_days" if e.unit_id else "dept_days"]
            if (over := _late(e, days, today)) is not None:
                add("B17", e, f"{who}：决算批复超过{days}日（超{over}日）")
    return out


def evaluate(
    body: Body, year: int, *, as_of: int, today: date | None = None, ruleset: RuleSet | None = None
) -> list[Finding]:
    """Every enabled rule of the body's current rule set on one year's data, up to month `as_of`."""
    if not 1 <= as_of <= 12:
        raise Refused("month_invalid", "统计月份须为1—12")
    rs = ruleset or current_ruleset(body)
    rules = {r.code: r for r in rs.rules.filter(enabled=True)}
    today = today or timezone.localdate()
    return (
        execution_findings(body, year, as_of, rules)
        + reserve_findings(body, year, rules)
        + event_findings(body, year, rules, today)
    )


@transaction.atomic
def run(body: Body, year: int, *, as_of: int, by=None, today: date | None = None) -> int:
    """Evaluate and push new warnings (one per subject and rule a year: a rerun adds only new ones)."""
    if by is not None:
        permissions.require_staff(by, "运行预算预警")
    today = today or timezone.localdate()
    rs = current_ruleset(body)
    rule_ids = {r.code: r for r in rs.rules.all()}
    findings = evaluate(body, year, as_of=as_of, today=today, ruleset=rs)
    known = set(Warning.objects.filter(body=body, year=year).values_list("key", flat=True))
    fresh = [f for f in findings if f.key not in known]
    days = policy.resolve(SupervisionPolicy, body).warning_days
    rows = [
        Warning(
            body=body,
            year=year,
            rule=rule_ids[f.code],
            unit_id=f.unit_id,
            line_id=f.line_id,
            event_id=f.event_id,
            key=f.key,
            severity=f.severity,
            message=f.message[:300],
            raised_on=today,
        )
        for f in fresh
    ]
    Warning.objects.bulk_create(rows, batch_size=2000)
    from renda.core.calendar import Calendar, add_working_days

    cal = Calendar()
    due = add_working_days(today, days, cal=cal).due
    Warning.objects.filter(body=body, year=year, raised_on=today, explain_due__isnull=True).update(
        explain_due=due
    )
    audit.record(
        "supervision.budget_run", None, by=by, object_type="supervision.budget", after={"new": len(rows)}
    )
    return len(rows)


@transaction.atomic
def act(w: Warning, action: str, *, text: str = "", by) -> Warning:
    """推送 → 说明 (the unit) → 跟踪 (a follow-up with its own deadline) → 关闭 (staff, after checking)."""
    w = Warning.objects.select_for_update(of=("self",)).select_related("rule", "unit", "body").get(pk=w.pk)
    step = WARNING.require(w, action, by)
    if action == "explain":
        if permissions.is_unit(by) and w.unit_id != by.unit_id:
            raise Refused("not_your_unit", "该预警不属于本单位")
        if not text.strip():
            raise Refused("explanation_empty", "请填写情况说明")
        w.explanation = text.strip()
    elif action == "close":
        if not text.strip():
            raise Refused("note_required", "请填写核查意见")
        w.note, w.closed_on = text.strip(), timezone.localdate()
    elif action == "track":
        if w.unit is None:
            raise Refused("no_unit", "该预警没有责任部门，不能转督办")
        w.note = text.strip()
        followups.start(
            w,
            body=w.body,
            unit=w.unit,
            origin="预算预警",
            title=f"{w.rule.code} {w.rule.title}：{w.message}",
            detail=text.strip(),
            cite="domain.md §5.5 广东：书面询问并跟踪督办",
            by=by,
        )
    w.status = step.dst
    w.save()
    audit.record(f"supervision.warning_{action}", w, by=by)
    return w
