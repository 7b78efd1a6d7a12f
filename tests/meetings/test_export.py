"""The meetings list as xlsx (issue 19): the meetings the staff page lists, never another body's."""

import pytest

from renda.core.models import BodyKind, Level
from renda.meetings import services
from renda.meetings.models import Kind
from tests.exporting import exported, shown
from tests.factories.core import BodyFactory, UserFactory
from tests.meetings.conftest import at

pytestmark = pytest.mark.django_db


def test_export_has_the_page_rows_and_nothing_out_of_scope(login, staff, meeting):
    from renda.core.roles import Role

    services.create_meeting(
        body=meeting.body,
        kind=Kind.STANDING_COMMITTEE,
        title="常委会第二次会议",
        starts_at=at(20),
        ends_at=at(20, 12),
        location="第二会议室",
        by=staff,
    )
    county2 = BodyFactory(name="别县人民代表大会")
    sc2 = BodyFactory(
        name="别县人大常委会", kind=BodyKind.STANDING_COMMITTEE, level=Level.COUNTY, parent=county2
    )
    services.create_meeting(
        body=sc2,
        kind=Kind.STANDING_COMMITTEE,
        title="别县常委会会议",
        starts_at=at(5),
        ends_at=at(5, 12),
        location="别县",
        by=UserFactory(username="staff2", role=Role.STAFF, body=sc2),
    )
    c = login(staff)
    page = shown(c, "/work/meetings/", key="managed")
    rows = exported(c, "/work/meetings/")
    assert (
        sorted(r[0] for r in rows)
        == sorted(m.title for m in page)
        == ["常委会第一次会议", "常委会第二次会议"]
    )
