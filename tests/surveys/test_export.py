"""The survey list as xlsx (issue 19): exactly the page's rows, never another body's surveys."""

import pytest

from renda.core.models import BodyKind, Level
from renda.core.roles import Role
from renda.surveys import services
from tests.exporting import exported, shown
from tests.factories.core import BodyFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_export_has_the_page_rows_and_nothing_out_of_scope(login, staff, survey):
    county2 = BodyFactory(name="别县人民代表大会")
    sc2 = BodyFactory(
        name="别县人大常委会", kind=BodyKind.STANDING_COMMITTEE, level=Level.COUNTY, parent=county2
    )
    services.create_survey(
        services.Settings(title="别县的问卷", audience="named", anonymous=True),
        body=sc2,
        by=UserFactory(username="staff2", role=Role.STAFF, body=sc2),
    )
    c = login(staff)
    page = shown(c, "/work/surveys/", key="rows")
    rows = exported(c, "/work/surveys/")
    assert [r[0] for r in rows] == [s.title for s, _n in page] == ["工作报告满意度调查"]
