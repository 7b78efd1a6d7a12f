"""The duty file (履职档案) of one deputy for one term: the eight sections of domain.md §3.2.

A fixed number of queries whatever the number of records: one for the mandate, one for all records, one
for report meetings, one for their evaluations, one for awards, and three per year for the scores.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, F

from renda.deputies.models import Mandate

from .. import scoring
from ..choices import Category, MeetingStatus, Outcome, Review
from ..models import Award, DutyRecord, Evaluation, ReportMeeting, Requirement

SECTIONS = (
    ("basic", "一、基本情况"),
    (Category.MEETING, "二、出席会议情况"),
    (Category.INSPECTION, "三、视察调研情况"),
    (Category.TRAINING, "四、学习培训情况"),
    (Category.GROUP, "五、代表小组活动情况"),
    (Category.SUGGESTION, "六、提出建议意见情况"),
    (Category.VOTERS, "七、向选民述职和接受监督情况"),
    ("awards", "八、表彰奖励情况"),
)


@dataclass
class Section:
    key: str
    title: str
    rows: list = field(default_factory=list)


@dataclass
class DutyFile:
    mandate: Mandate
    sections: list[Section]
    years: list[dict]
    meetings: list[dict]
    others: list


def build(mandate_id: int) -> DutyFile:
    mandate = Mandate.objects.select_related(
        "person", "body", "term", "constituency", "group", "delegation"
    ).get(pk=mandate_id)
    records = list(
        DutyRecord.objects.filter(mandate=mandate)
        .exclude(status__in=[Review.PENDING, Review.REJECTED])
        .select_related("duty_type")
        .order_by("on", "id")
    )
    by_section: dict[str, list] = {key: [] for key, _ in SECTIONS}
    others = []
    for r in records:
        cat = r.duty_type.category
        (by_section.get(cat, others)).append(r)
    meetings = list(
        ReportMeeting.objects.filter(mandates=mandate, status=MeetingStatus.PUBLISHED).order_by("on")
    )
    votes: dict[int, dict[str, int]] = {}
    for mid, verdict, n in (
        Evaluation.objects.filter(meeting__in=meetings, mandate=mandate)
        .values_list("meeting_id", "verdict")
        .annotate(n=Count("id"))
        .order_by()
    ):
        votes.setdefault(mid, {})[verdict] = n
    meeting_rows = []
    for m in meetings:
        v = votes.get(m.pk, {})
        total = sum(v.values())
        good = v.get("satisfied", 0) + v.get("basic", 0)
        meeting_rows.append(
            {
                "meeting": m,
                "satisfied": v.get("satisfied", 0),
                "basic": v.get("basic", 0),
                "unsatisfied": v.get("unsatisfied", 0),
                "total": total,
                "rate": f"{100 * good / total:.1f}%" if total else "—",
            }
        )
    awards = list(Award.objects.filter(mandate=mandate).order_by("on"))
    basic = [
        ("姓名", mandate.person.name),
        ("性别", mandate.person.get_gender_display()),
        ("出生年月", mandate.person.birth_month_text or "—"),
        ("民族", mandate.person.ethnicity),
        ("政治面貌", mandate.person.party_label),
        ("工作单位及职务", mandate.person.work_unit or "—"),
        ("所属人大", str(mandate.body)),
        ("届次", str(mandate.term)),
        ("选区", str(mandate.constituency or "—")),
        ("代表小组", str(mandate.group or "—")),
        ("代表证号", mandate.card_number or "—"),
        ("任职起始", f"{mandate.start_date:%Y年%m月%d日}"),
    ]
    sections = []
    for key, title in SECTIONS:
        rows = basic if key == "basic" else awards if key == "awards" else by_section[key]
        sections.append(Section(key, title, rows))
    return DutyFile(mandate, sections, _years(mandate, records), meeting_rows, others)


def _years(mandate: Mandate, records: list[DutyRecord]) -> list[dict]:
    """Each year of the term so far with its own score, band and annual minimums ("五个一"): three queries a
    year for the score, one for every year's minimums."""
    from django.utils import timezone

    last = min(timezone.localdate().year, mandate.term.end_date.year if mandate.term.end_date else 9999)
    if mandate.end_date:
        last = min(last, mandate.end_date.year)
    years = range(mandate.start_date.year, last + 1)
    minimums: dict[int, list[Requirement]] = {}
    for req in Requirement.objects.filter(
        ruleset__body_id=mandate.body_id, ruleset__year__in=list(years)
    ).annotate(of_year=F("ruleset__year")):
        minimums.setdefault(req.of_year, []).append(req)
    out = []
    for year in years:
        start, end = scoring.year_bounds(year)
        [s] = scoring.scores(Mandate.objects.filter(pk=mandate.pk), start=start, end=end) or [None]
        done = Counter(r.duty_type.code for r in records if r.year == year and r.outcome == Outcome.ATTENDED)
        attended = sum(done.values())
        absent = sum(1 for r in records if r.year == year and r.outcome == Outcome.ABSENT)
        if s is not None and not s.band and not attended and not absent:
            continue  # a year before the body kept duty records
        out.append(
            {
                "year": year,
                "total": s.total if s else 0,
                "band": s.band if s else "",
                "acts": attended,
                "absent": absent,
                "minimums": [
                    {
                        "label": req.label,
                        "need": req.min_count,
                        "done": (n := sum(done.get(c, 0) for c in req.type_codes)),
                        "met": n >= req.min_count,
                    }
                    for req in minimums.get(year, [])
                ],
            }
        )
    return out
