"""Demo, appraisal: the departments' work appraisal (30 appraised, the government departments ranked together,
the court, procuratorate and enterprises apart) and the 述职评议 of ten appointed officials (Faker names),
graded by the body's grade rules (one official 不合格 → 依法提请免职, one 基本合格 → 提醒谈话)."""

from decimal import Decimal as D

from . import services
from .choices import AppraisalKind, Kind
from .models import Appraisal, Appraisee, Score

YEAR = 2026

# kind → (title, criteria (name, weight %, max), rater groups (name, weight %))
SHEETS = {
    AppraisalKind.DEPARTMENT: (
        f"{YEAR}年县政府组成部门工作评议",
        (
            ("依法行政", 30, 100),
            ("履职成效", 40, 100),
            ("办理代表建议和审议意见", 20, 100),
            ("作风建设", 10, 100),
        ),
        (("常委会组成人员", 40), ("人大代表", 30), ("服务对象问卷", 20), ("单位履职数据", 10)),
    ),
    AppraisalKind.OFFICIAL: (
        f"{YEAR}年县人大常委会任命人员述职评议",
        (("德", 20, 100), ("能", 25, 100), ("勤", 20, 100), ("绩", 25, 100), ("廉", 10, 100)),
        (("常委会组成人员", 60), ("人大代表", 40)),
    ),
}
OFFICIAL_BASES = {3: 66, 7: 55}  # the rest score 78–94


def _appraisal(sc, item, kind, staff) -> Appraisal:
    title, criteria, groups = SHEETS[kind]
    a = Appraisal.objects.create(body=sc, item=item, year=YEAR, title=title, kind=kind)
    return services.appraisal.set_sheet(
        a,
        criteria=[(n, D(w), D(m)) for n, w, m in criteria],
        groups=[(n, D(w)) for n, w in groups],
        by=staff,
    )


def _score(a, people_bases, rng, spread) -> None:
    crit, groups = list(a.criteria.all()), list(a.groups.all())
    Score.objects.bulk_create(
        Score(
            appraisee=p,
            group=g,
            criterion=c,
            value=D(str(round(min(100, base + rng.uniform(-spread, spread)), 1))),
        )
        for p, base in people_bases
        for g in groups
        for c in crit
    )
    a.locked = True
    a.save(update_fields=["locked"])


def _post(u) -> str:
    short = u.name.removeprefix("青山县")
    return f"{short}局长" if u.name.endswith("局") else f"{short}主任"


def load(sc, staff, units, items, rng, fake) -> None:
    item = next(i for i in items if i.kind == Kind.APPRAISAL)
    a = _appraisal(sc, item, AppraisalKind.DEPARTMENT, staff)
    people = [
        (
            Appraisee.objects.create(
                appraisal=a,
                unit=u,
                list_name="政府工作部门",
                ranked=u.kind not in ("court", "procuratorate", "enterprise"),
            ),
            rng.uniform(68, 96),
        )
        for u in units
    ]
    _score(a, people, rng, 6)
    services.appraisal.compute(a, by=staff)
    services.appraisal.publish(a, by=staff)
    for p in a.appraisees.filter(ranked=True).order_by("-rank")[:3]:
        services.appraisal.rectify(
            p, title=f"{p.unit.name}：针对评议中代表反映的问题制定整改方案并报告", by=staff
        )
    b = _appraisal(sc, item, AppraisalKind.OFFICIAL, staff)
    officials = [u for u in units if u.kind == "government"][:10]
    people = [
        (
            Appraisee.objects.create(appraisal=b, unit=u, person=fake.name(), post=_post(u)),
            OFFICIAL_BASES.get(k, rng.uniform(78, 94)),
        )
        for k, u in enumerate(officials)
    ]
    _score(b, people, rng, 3)
    services.appraisal.compute(b, by=staff)
    services.appraisal.publish(b, by=staff)
