"""Demo for a 人大街道工委 (东城街道): a staff account `gongwei`, and the 工委's own activity plan for the district
deputies elected in the sub-district (地方组织法 Art. 59, domain.md §1.2)."""

from datetime import date, timedelta

from renda.core.models import BodyKind
from renda.core.roles import Role


def load(county, today: date) -> None:
    from renda.core.demo_data import DEMO_PASSWORD
    from renda.core.models import User

    from . import permissions, services
    from .choices import ActivityKind, ActivityState

    body = next((t for t in county.townships if t.kind == BodyKind.SUBDISTRICT_COMMITTEE), None)
    if body is None:
        return
    user = User.objects.filter(username="gongwei").first()
    if user is None:
        user = User(username="gongwei", full_name="陈工委", role=Role.STAFF, body=body, is_demo=True)
        user.set_password(DEMO_PASSWORD)
        user.save()
    area = list(permissions.area_mandates(body))
    if not area:
        return
    plan = services.create_plan(
        body=body, year=today.year, title=f"{today.year}年{body.short_name}代表活动计划", by=user
    )
    rows = [
        (ActivityKind.RECEPTION, f"代表进{body.short_name}联络站接待选民", -20),
        (ActivityKind.INSPECTION, "视察老旧小区改造", 2),
        (ActivityKind.GROUP, "街道代表小组活动：听取街道办事处工作情况通报", 12),
    ]
    for kind, title, days in rows:
        start = max(today + timedelta(days=days), date(today.year, 1, 2))
        if start.year != today.year:
            continue
        act = services.add_activity(
            plan,
            kind=kind,
            title=title,
            start=start,
            end=start,
            place=body.short_name,
            mandates=area,
            by=user,
        )
        if start < today:
            services.record_outcome(
                act, state=ActivityState.HELD, outcome=f"{len(area)} 名代表参加，收集意见 6 条", by=user
            )
