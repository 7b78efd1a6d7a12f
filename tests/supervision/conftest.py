from datetime import date

import pytest

from renda.supervision import services
from renda.supervision.choices import Kind


@pytest.fixture
def plan(standing_committee, staff):
    return services.plan.create_plan(body=standing_committee, year=2026, by=staff)


@pytest.fixture
def report_item(plan, unit, staff):
    return services.plan.add_item(
        plan,
        kind=Kind.SPECIAL_REPORT,
        title="听取县住建局关于老旧小区改造工作的报告",
        unit=unit,
        meeting_date=date(2026, 6, 26),
        by=staff,
    )
