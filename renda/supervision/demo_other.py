"""Demo, the smaller kinds: livelihood projects (candidates, the deputies' selection, progress, milestones and
the deputies' year-end rating — seven projects rated, three still open for the demo deputy's phone), 2027's
candidates, record filings in every state, and the case-quality review of four units (684 cases, 23 opinions,
seed 000)."""

import uuid
from datetime import date, timedelta
from decimal import Decimal as D

from . import services
from .demo_texts import FILINGS, PROJECTS
from .models import Milestone, Project
from .services.cases import DEFAULT_SHEET, Row

YEAR = 2026
PROGRESS = (100, 100, 95, 80, 40, 100, 65, 75, 100, 50)  # the ten selected projects at year end
MILESTONES = (("开工", 3), ("主体完工", 8), ("竣工验收", 11))
STILL_OPEN = 3  # the last three selected projects' ratings stay open (the demo deputy rates them)

# (unit, cases closed in the year, sampled, score per DEFAULT_SHEET row, flawed, findings, opinions)
CASE_REVIEWS = (
    (
        "县人民法院",
        3120,
        260,
        (23, 18.5, 23, 18, 9),
        10,
        "个别案件文书说理不充分；少数案件超审限；执行案件财产查控不及时。",
        (
            "加强裁判文书说理，重点案件实行文书评查",
            "建立审限预警，严控超审限案件",
            "规范执行财产查控流程",
            "加强卷宗归档管理",
            "对发回改判案件逐案分析原因",
            "加强法官业务培训",
            "完善审判委员会讨论案件记录",
        ),
    ),
    (
        "县人民检察院",
        1480,
        180,
        (24, 19, 23, 18.5, 9),
        5,
        "不起诉案件说理不够充分；个别案件证据审查不细。",
        (
            "规范不起诉案件说理",
            "加强证据审查，落实证据清单制度",
            "完善认罪认罚案件量刑建议",
            "加强案件流程监控",
            "规范法律文书送达",
        ),
    ),
    (
        "县公安局",
        2260,
        196,
        (21.5, 17, 22, 17.5, 8.5),
        11,
        "部分行政处罚案件程序不规范；受案登记不及时；涉案财物管理不到位。",
        (
            "规范行政处罚告知程序",
            "落实受案立案制度改革",
            "规范涉案财物管理",
            "加强执法记录仪使用",
            "完善案件审核把关",
            "加强执法资格培训",
            "建立执法过错责任追究台账",
            "规范取保候审、监视居住执行",
        ),
    ),
    (
        "县司法局",
        310,
        48,
        (23, 18, 22.5, 18, 9),
        2,
        "社区矫正档案记录不完整；行政复议案件听证不足。",
        ("完善社区矫正档案", "推行行政复议听证", "加强行政执法监督"),
    ),
)


def _projects(sc, staff, units, rng) -> list[Project]:
    selected = []
    for n, (title, unit, budget) in enumerate(PROJECTS):
        p = Project.objects.create(
            body=sc,
            year=YEAR,
            title=title,
            unit=units[unit],
            budget=D(budget),
            status="selected" if n < 10 else "not_selected",
            votes=rng.randint(150, 210) if n < 10 else rng.randint(60, 120),
            summary=f"{title}，计划{YEAR}年底前完成。",
        )
        if n >= 10:
            continue
        selected.append(p)
        services.other.report_progress(
            p, spent=(D(budget) * PROGRESS[n] / 100).quantize(D("0.01")), progress=PROGRESS[n], by=staff
        )
        Milestone.objects.bulk_create(
            Milestone(
                project=p,
                title=label,
                due=date(YEAR, month, 30),
                done_on=date(YEAR, month, 15) if PROGRESS[n] >= (k + 1) * 33 else None,
            )
            for k, (label, month) in enumerate(MILESTONES)
        )
    for title, unit, budget in PROJECTS[3:15]:
        Project.objects.create(
            body=sc, year=YEAR + 1, title=f"{title}（二期）", unit=units[unit], budget=D(budget) * D("0.8")
        )
    return selected


def _ratings(sc, staff, projects, rng, deputy) -> None:
    """The deputies rate each selected project on their phones (secret polls in renda.voting); most polls are
    closed and counted by the rule, the last ones stay open for the demo deputy."""
    if not services.votes.available():
        return
    from renda.voting import services as vsrv
    from renda.voting.models import Poll

    services.livelihood.open_rating(sc, YEAR, by=staff)
    free = {getattr(deputy, "pk", None)}  # the demo deputy accounts rate on their phones
    voters = [u for u in services.livelihood.deputies_of(sc) if u.pk not in free and u.username != "dep001"]
    voters = voters[: int(len(voters) * 0.7)]
    for p in projects:
        p.refresh_from_db()
        poll = Poll.objects.get(pk=p.rating_poll_id)
        options = list(poll.options.order_by("order"))
        good = (p.progress / 100) ** 2 * 0.9  # the share of 满意 follows the progress the deputies saw
        for u in voters:
            r = rng.random()
            option = options[0] if r < good else options[1] if r < good + 0.3 else options[2]
            vsrv.cast(poll, voter=u, choices=[option.pk], key=uuid.uuid4(), by=u)
    done = {p.pk for p in projects[: len(projects) - STILL_OPEN]}
    services.livelihood.close_rating(sc, YEAR, by=staff, only=done)


def _filings(sc, staff, units) -> None:
    for n, title in enumerate(FILINGS):
        pub = date(YEAR, 1 + n, 10) if n < 11 else date(YEAR, 11, 20)
        filed = None if n == 10 else pub + timedelta(days=20 if n % 4 else 41)
        f = services.other.file_document(
            sc,
            title=title,
            number=f"青政规〔{YEAR}〕{n + 1}号",
            unit=units["县政府办公室"],
            published_on=pub,
            filed_on=filed,
            by=staff,
        )
        if not filed or n >= 9:
            continue
        f = services.other.filing_step(f, "check", by=staff, on=filed + timedelta(days=5))
        f = services.other.filing_step(f, "review", by=staff, on=filed + timedelta(days=8))
        if n % 3 == 0:
            services.other.filing_step(f, "pass", by=staff, on=filed + timedelta(days=50))
        elif n in (4, 7):
            finding = "第十二条设定的罚款超出上位法规定幅度" if n == 4 else "增设了上位法没有规定的审批条件"
            f = services.other.filing_step(
                f,
                "require_correction",
                finding=finding,
                by=staff,
                on=filed + timedelta(days=40 if n == 4 else 30),
            )
            if n == 4:
                services.other.filing_step(
                    f, "corrected", finding="制定机关已修改相关条款", by=staff, on=filed + timedelta(days=60)
                )


def _cases(sc, staff, units) -> None:
    for k, (unit, total, cases, scores, flawed, findings, opinions) in enumerate(CASE_REVIEWS):
        c = services.cases.save_review(
            None,
            body=sc,
            year=YEAR,
            unit=units[unit],
            cases=cases,
            total_cases=total,
            case_numbers="",
            reviewers="法制委员会委员、法律专业代表、律师代表共 12 人",
            rows=[
                Row(name, str(high), str(s)) for (name, high), s in zip(DEFAULT_SHEET, scores, strict=True)
            ],
            flawed=flawed,
            findings=findings,
            opinion_text="\n".join(opinions),
            by=staff,
        )
        if k in (0, 2):
            services.cases.rectify(c, title=f"{unit}：落实案件质量评查意见，限期整改并书面报告", by=staff)


def load(sc, staff, units, rng, deputy) -> None:
    projects = _projects(sc, staff, units, rng)
    _ratings(sc, staff, projects, rng, deputy)
    _filings(sc, staff, units)
    _cases(sc, staff, units)
