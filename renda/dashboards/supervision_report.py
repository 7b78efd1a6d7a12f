"""监督工作总结: the year-end supervision work summary — default template and the figures behind its tags.

Read-only over supervision's selectors and models, in the viewer's scope (the same definitions as the
supervision overview page): plan items by kind and state, deliberation opinions handled and overdue, the
satisfaction votes on them, appraisal rankings, law-enforcement inspections, budget warnings, record filings and
follow-ups. `reports.py` wires it in beside the other three year-end reports (template, upload, test-fill).
"""

from datetime import date

from django.db.models import Count, F, Q
from docx import Document

TAGS = [
    ("body", "人大机关名称"),
    ("year", "年度"),
    ("items_total", "监督计划事项总数（不含已取消）"),
    ("kinds", "按监督方式：label、total、planned、preparing、heard、done、cancelled"),
    ("opinions.total / handled / overdue / late", "审议意见：总数、已报送办理情况、逾期未报告、超期报送"),
    ("opinion_states", "审议意见按状态：label、value"),
    (
        "votes.n / satisfied / basic / unsatisfied / rate",
        "满意度测评：已测评件数、各结果件数、满意率（含基本满意）",
    ),
    ("vote_rows", "测评结果：item、unit、grade、source"),
    ("appraisals", "评议排名（扁平）：appraisal、rank、unit、person、total、outcome"),
    ("appraisal_count", "工作评议·述职评议次数"),
    ("inspections", "执法检查：title、law、unit、status、meeting"),
    ("warnings.total / open / closed / red / yellow", "预算预警：总数、未关闭、已关闭、红色、黄色"),
    ("warning_rules", "按规则：label、value"),
    ("filings.total / overdue", "备案审查：文件数、超期"),
    ("filing_states", "备案审查按状态：label、value"),
    ("followups.open / closed / overdue", "跟踪督办：督办中、已销号、逾期未办结"),
]


def build_template(doc_factory, loop_table) -> Document:
    """The default template (python-docx), in the same style as the other reports (`reports._doc`)."""
    doc = doc_factory("{{ body }}{{ year }}年监督工作总结")
    doc.add_paragraph(
        "{{ year }}年，本机关监督工作计划共安排监督事项{{ items_total }}项，开展工作评议和述职评议"
        "{{ appraisal_count }}次、执法检查{{ inspections|length }}项。现将全年监督工作总结如下。"
    )
    doc.add_heading("一、监督计划执行情况", level=2)
    loop_table(
        doc,
        ["监督方式", "事项", "计划中", "准备中", "已审议", "已办结", "已取消"],
        "kinds",
        [
            "{{ r.label }}",
            "{{ r.total }}",
            "{{ r.planned }}",
            "{{ r.preparing }}",
            "{{ r.heard }}",
            "{{ r.done }}",
            "{{ r.cancelled }}",
        ],
    )
    doc.add_heading("二、审议意见办理情况", level=2)
    doc.add_paragraph(
        "全年形成审议意见{{ opinions.total }}件，已报送办理情况{{ opinions.handled }}件；截至统计时逾期未报告"
        "{{ opinions.overdue }}件，超过期限报送{{ opinions.late }}件。"
    )
    loop_table(doc, ["办理状态", "件数"], "opinion_states", ["{{ r.label }}", "{{ r.value }}"])
    doc.add_heading("三、满意度测评", level=2)
    doc.add_paragraph(
        "对{{ votes.n }}件审议意见办理情况进行了满意度测评：满意{{ votes.satisfied }}件、基本满意"
        "{{ votes.basic }}件、不满意{{ votes.unsatisfied }}件，满意率（含基本满意）{{ votes.rate }}。"
    )
    loop_table(
        doc,
        ["监督事项", "办理单位", "测评结果", "测评依据"],
        "vote_rows",
        ["{{ r.item }}", "{{ r.unit }}", "{{ r.grade }}", "{{ r.source }}"],
    )
    doc.add_heading("四、工作评议和述职评议", level=2)
    loop_table(
        doc,
        ["评议", "名次", "单位", "被评议人", "总分", "评议结果"],
        "appraisals",
        [
            "{{ r.appraisal }}",
            "{{ r.rank }}",
            "{{ r.unit }}",
            "{{ r.person }}",
            "{{ r.total }}",
            "{{ r.outcome }}",
        ],
    )
    doc.add_heading("五、执法检查", level=2)
    loop_table(
        doc,
        ["检查事项", "法律法规", "有关单位", "状态", "审议日期"],
        "inspections",
        ["{{ r.title }}", "{{ r.law }}", "{{ r.unit }}", "{{ r.status }}", "{{ r.meeting }}"],
    )
    doc.add_heading("六、预算联网监督", level=2)
    doc.add_paragraph(
        "全年发出预算预警{{ warnings.total }}条（红色{{ warnings.red }}条、黄色{{ warnings.yellow }}条），"
        "已关闭{{ warnings.closed }}条，尚未关闭{{ warnings.open }}条。"
    )
    loop_table(doc, ["预警规则", "条数"], "warning_rules", ["{{ r.label }}", "{{ r.value }}"])
    doc.add_heading("七、规范性文件备案审查", level=2)
    doc.add_paragraph(
        "全年报备规范性文件{{ filings.total }}件，截至统计时超期（逾期未报备、审查超期或逾期未纠正）"
        "{{ filings.overdue }}件。"
    )
    loop_table(doc, ["审查状态", "件数"], "filing_states", ["{{ r.label }}", "{{ r.value }}"])
    doc.add_heading("八、跟踪督办", level=2)
    doc.add_paragraph(
        "跟踪督办事项督办中{{ followups.open }}件、已销号{{ followups.closed }}件，逾期未办结{{ followups.overdue }}件。"
    )
    doc.add_heading("九、存在的问题和下一步工作", level=2)
    doc.add_paragraph("（请工作人员补充。）")
    doc.add_paragraph(
        "说明：统计范围为本机关{{ year }}年度监督工作计划及其审议意见；审议意见期限按本机关时限规则计算，"
        "截至{{ today }}。满意率 = （满意 + 基本满意）÷ 已测评件数。"
    )
    return doc


def _label(choices, value) -> str:
    return dict(choices.choices).get(value, value or "")


def _rows(pairs: dict, choices) -> list[dict]:
    return [{"label": label, "value": pairs.get(v, 0)} for v, label in choices.choices if pairs.get(v)]


def context(user, year: int, on: date) -> dict:
    """The tags (see TAGS) for the user's scope and the year, counted as of `on`."""
    from renda.core.permissions import scope
    from renda.supervision import selectors
    from renda.supervision.choices import (
        AppraisalKind,
        FilingStatus,
        FollowStatus,
        Grade,
        ItemStatus,
        Kind,
        OpinionStatus,
        Outcome,
        Severity,
        WarningStatus,
    )
    from renda.supervision.models import Appraisee, Filing

    items = selectors.items(user, year=year)
    per = {(k, s): n for k, s, n in items.order_by().values_list("kind", "status").annotate(n=Count("id"))}
    kinds = []
    for k, label in Kind.choices:
        counts = {s: per.get((k, s), 0) for s in ItemStatus.values}
        kinds.append({"label": label, "total": sum(counts.values()), **counts})
    items_total = sum(n for (_k, s), n in per.items() if s != ItemStatus.CANCELLED)

    ops = selectors.opinions(user).filter(item__plan__year=year)
    op_states = dict(ops.order_by().values_list("status").annotate(n=Count("id")))
    handled_states = [OpinionStatus.REPORTED, OpinionStatus.SATISFIED, OpinionStatus.UNSATISFIED]
    opinions = {
        "total": sum(op_states.values()),
        "handled": sum(op_states.get(s, 0) for s in handled_states),
        "overdue": ops.filter(status=OpinionStatus.SENT, report_due__lt=on).count(),
        "late": ops.filter(reported_on__isnull=False, report_due__isnull=False)
        .filter(reported_on__gt=F("report_due"))
        .count(),
    }
    graded = ops.exclude(grade="")
    grades = dict(graded.order_by().values_list("grade").annotate(n=Count("id")))
    n_rated = sum(grades.values())
    good = grades.get(Grade.SATISFIED, 0) + grades.get(Grade.BASIC, 0)
    votes = {
        "n": n_rated,
        "satisfied": grades.get(Grade.SATISFIED, 0),
        "basic": grades.get(Grade.BASIC, 0),
        "unsatisfied": grades.get(Grade.UNSATISFIED, 0),
        "rate": f"{100.0 * good / n_rated:.1f}%（{good}/{n_rated}）" if n_rated else "—（尚无测评）",
    }
    vote_rows = [
        {"item": o.item.title, "unit": o.unit.name, "grade": _label(Grade, o.grade), "source": o.grade_source}
        for o in graded.order_by("item__title", "id")
    ]

    appraisees = (
        Appraisee.objects.filter(appraisal__in=scope(_appraisals(), user).filter(year=year))
        .select_related("appraisal", "unit")
        .order_by("appraisal__title", "list_name", "rank", "unit__name")
    )
    appraisals = [
        {
            "appraisal": f"{a.appraisal.title}（{_label(AppraisalKind, a.appraisal.kind)}）",
            "rank": a.rank if a.ranked and a.rank else "单列",
            "unit": a.unit.name,
            "person": a.person,
            "total": a.total if a.total is not None else "—",
            "outcome": _label(Outcome, a.outcome) or "—",
        }
        for a in appraisees
    ]
    appraisal_count = scope(_appraisals(), user).filter(year=year).count()

    inspections = [
        {
            "title": i.title,
            "law": i.law,
            "unit": i.unit.name if i.unit_id else "",
            "status": i.get_status_display(),
            "meeting": f"{i.meeting_date:%Y-%m-%d}" if i.meeting_date else "",
        }
        for i in items.filter(kind=Kind.INSPECTION)
        .exclude(status=ItemStatus.CANCELLED)
        .order_by("meeting_date", "id")
    ]

    ws = selectors.warnings(user).filter(year=year)
    w = ws.order_by().aggregate(
        total=Count("id"),
        closed=Count("id", filter=Q(status=WarningStatus.CLOSED)),
        red=Count("id", filter=Q(severity=Severity.RED)),
        yellow=Count("id", filter=Q(severity=Severity.YELLOW)),
    )
    w["open"] = w["total"] - w["closed"]
    warning_rules = [
        {"label": f"{code} {title}", "value": n}
        for code, title, n in ws.order_by()
        .values_list("rule__code", "rule__title")
        .annotate(n=Count("id"))
        .order_by("rule__code")
    ]

    fl = scope(Filing.objects.all(), user).filter(published_on__year=year)
    fl_states = dict(fl.order_by().values_list("status").annotate(n=Count("id")))
    filings = {"total": sum(fl_states.values()), "overdue": sum(1 for f in fl if f.overdue(on))}

    fus = selectors.followups(user).filter(created_at__year=year)
    followups = fus.order_by().aggregate(
        open=Count("id", filter=Q(status=FollowStatus.OPEN)),
        closed=Count("id", filter=Q(status=FollowStatus.CLOSED)),
        overdue=Count("id", filter=Q(status=FollowStatus.OPEN, due__lt=on)),
    )
    return {
        "items_total": items_total,
        "kinds": kinds,
        "opinions": opinions,
        "opinion_states": _rows(op_states, OpinionStatus),
        "votes": votes,
        "vote_rows": vote_rows,
        "appraisals": appraisals,
        "appraisal_count": appraisal_count,
        "inspections": inspections,
        "warnings": w,
        "warning_rules": warning_rules,
        "filings": filings,
        "filing_states": _rows(fl_states, FilingStatus),
        "followups": followups,
    }


def _appraisals():
    from renda.supervision.models import Appraisal

    return Appraisal.objects.all()
