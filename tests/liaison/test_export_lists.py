"""The liaison office's lists as xlsx with their filters (issue 19): stations' "六有", liaison officers,
official meetings, activity plans, sittings, courses and research topics — exactly the page's rows, choice
labels not codes, never another county's rows."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from renda.core.models import BodyKind, Level
from renda.liaison.choices import CourseLevel, MeetingState
from renda.liaison.models import (
    ActivityPlan,
    Course,
    LiaisonOfficer,
    OfficialMeeting,
    ResearchTopic,
    Sitting,
    SittingInvitation,
)
from tests.exporting import exported, shown
from tests.factories.core import BodyFactory, TownshipFactory, UnitFactory
from tests.factories.deputies import MandateFactory, PersonFactory, ProfessionalGroupFactory, StationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def far():
    """Another county's congress and its standing committee: never in our staff's exports."""
    county2 = BodyFactory(name="别县人民代表大会")
    sc2 = BodyFactory(
        name="别县人大常委会", kind=BodyKind.STANDING_COMMITTEE, level=Level.COUNTY, parent=county2
    )
    return county2, sc2


def test_stations_export_has_one_column_per_standard_item_and_only_our_stations(login, staff, county, far):
    StationFactory(body=county, name="城关联络站")
    StationFactory(body=far[0], name="别县联络站")
    c = login(staff)
    page = shown(c, "/work/liaison/stations/", key="rows")
    r = c.get("/work/liaison/stations/", {"format": "xlsx"})

    sheet = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    header, rows = sheet[1], sheet[2:]
    assert [x[0] for x in rows] == [p["station"].name for p in page] == ["城关联络站"]
    assert len(header) == 3 + len(page[0]["findings"]) and header[-1] == "差距"
    assert set(rows[0][2:-1]) <= {"达标", "未达标"}


def test_officers_export_has_the_page_rows_and_nothing_out_of_scope(login, staff, standing_committee, far):
    town = TownshipFactory(name="城关镇人大主席团", parent=standing_committee.parent)
    for i in range(2):
        LiaisonOfficer.objects.create(
            body=standing_committee,
            name=f"联络员{i}",
            township=town,
            start_date=dt.date(2024, 1, 1),
            end_date=dt.date(2028, 12, 31),
        )
    LiaisonOfficer.objects.create(
        body=far[1],
        name="别县联络员",
        unit=UnitFactory(body=far[0]),
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2028, 12, 31),
    )
    c = login(staff)
    page = shown(c, "/work/liaison/officers/", key="rows")
    rows = exported(c, "/work/liaison/officers/")
    assert [r[0] for r in rows] == [o.name for o in page] == ["联络员0", "联络员1"]
    assert rows[0][2] == "城关镇人大主席团" and rows[0][5] == 0


def test_meetings_export_follows_the_status_filter_and_the_scope(login, staff, county, unit, far):
    lead = MandateFactory(body=county, person=PersonFactory(name="赵代表"))
    for topic, status in [("校车安全", MeetingState.ARRANGED), ("农村饮水", MeetingState.REQUESTED)]:
        OfficialMeeting.objects.create(
            body=county, lead=lead, topic=topic, unit=unit, official="局长", status=status, requested_by=staff
        )
    OfficialMeeting.objects.create(
        body=far[0],
        lead=MandateFactory(body=far[0]),
        topic="别县约见",
        unit=UnitFactory(body=far[0]),
        official="局长",
        status=MeetingState.ARRANGED,
        requested_by=staff,
    )
    c = login(staff)
    params = {"status": MeetingState.ARRANGED}
    page = shown(c, "/work/liaison/meetings/", params, key="rows")
    rows = exported(c, "/work/liaison/meetings/", params, shows={"status": "已安排"})
    assert [r[0] for r in rows] == [m.topic for m in page] == ["校车安全"]
    assert rows[0][1] == "赵代表" and rows[0][4] == "已安排"
    assert "别县约见" not in {r[0] for r in exported(c, "/work/liaison/meetings/")}


def test_plans_export_has_the_page_rows_and_nothing_out_of_scope(login, staff, standing_committee, far):
    year = timezone.localdate().year
    ActivityPlan.objects.create(
        body=standing_committee, year=year, title="本年代表活动计划", created_by=staff
    )
    ActivityPlan.objects.create(body=far[1], year=year, title="别县计划", created_by=staff)
    c = login(staff)
    page = shown(c, "/work/liaison/plans/", key="rows")
    rows = exported(c, "/work/liaison/plans/")
    assert [r[0] for r in rows] == [p.title for p, _ in page] == ["本年代表活动计划"]
    assert rows[0][3:6] == (0, 0, "—")


def test_sittings_export_lists_the_invited_deputies_and_only_our_sittings(
    login, staff, standing_committee, county, far
):
    s = Sitting.objects.create(
        body=standing_committee, title="常委会第十次会议", on=dt.date(2026, 6, 1), created_by=staff
    )
    SittingInvitation.objects.create(
        sitting=s, mandate=MandateFactory(body=county, person=PersonFactory(name="钱代表"))
    )
    Sitting.objects.create(body=far[1], title="别县常委会会议", on=dt.date(2026, 6, 1), created_by=staff)
    c = login(staff)
    page = shown(c, "/work/liaison/sittings/", key="rows")
    rows = exported(c, "/work/liaison/sittings/")
    assert [r[0] for r in rows] == [x.title for x in page] == ["常委会第十次会议"]
    assert rows[0][3] == "钱代表"


def test_courses_export_has_the_page_rows_and_nothing_out_of_scope(login, staff, standing_committee, far):
    start = timezone.now()
    Course.objects.create(
        body=standing_committee,
        title="初任培训",
        level=CourseLevel.NEW_DEPUTY,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        created_by=staff,
    )
    Course.objects.create(
        body=far[1],
        title="别县培训",
        level=CourseLevel.TOPIC,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        created_by=staff,
    )
    c = login(staff)
    page = shown(c, "/work/liaison/courses/", key="rows")
    rows = exported(c, "/work/liaison/courses/")
    assert [r[0] for r in rows] == [x.title for x in page] == ["初任培训"]
    assert rows[0][2] == "新任代表初任培训" and rows[0][5:] == (0, 0)


def test_topics_export_has_the_page_rows_and_nothing_out_of_scope(login, staff, county, far):
    group = ProfessionalGroupFactory(body=county, name="农业农村组")
    ResearchTopic.objects.create(
        body=county,
        group=group,
        year=2026,
        title="高标准农田建设",
        lead=MandateFactory(body=county),
        created_by=staff,
    )
    ResearchTopic.objects.create(
        body=far[0],
        group=ProfessionalGroupFactory(body=far[0]),
        year=2026,
        title="别县课题",
        lead=MandateFactory(body=far[0]),
        created_by=staff,
    )
    c = login(staff)
    page = shown(c, "/work/liaison/research/", key="rows")
    rows = exported(c, "/work/liaison/research/")
    assert [r[0] for r in rows] == [t.title for t in page] == ["高标准农田建设"]
    assert rows[0][2] == "农业农村组" and rows[0][4:] == (0, 0)


def test_a_gongwei_exports_only_the_deputies_elected_in_its_area(login, county):
    from renda.core.roles import Role
    from tests.factories.core import UserFactory
    from tests.factories.deputies import ConstituencyFactory

    gongwei = BodyFactory(
        name="东城街道人大工委",
        short_name="东城街道",
        kind=BodyKind.SUBDISTRICT_COMMITTEE,
        level=Level.TOWNSHIP,
        parent=county,
    )
    seat = ConstituencyFactory(body=county, township=gongwei)
    MandateFactory(body=county, constituency=seat, person=PersonFactory(name="东城代表"))
    MandateFactory(
        body=county, constituency=ConstituencyFactory(body=county), person=PersonFactory(name="别处代表")
    )
    c = login(UserFactory(username="gongwei", role=Role.STAFF, body=gongwei))
    page = shown(c, "/work/liaison/overview/", key="deputies")
    rows = exported(c, "/work/liaison/overview/")
    assert [r[0] for r in rows] == [m.person.name for m in page] == ["东城代表"]
    assert rows[0][2:] == (0, 0, 0)
