"""The members' links to deputies as xlsx (issue 19): exactly the page's rows, never another committee's."""

import datetime as dt

import pytest

from renda.core.models import BodyKind, Level
from renda.liaison.models import MemberLink
from tests.exporting import exported, shown
from tests.factories.core import BodyFactory
from tests.factories.deputies import MandateFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_export_has_the_page_rows_and_nothing_out_of_scope(login, staff, member, standing_committee, county):
    for i in range(2):
        MemberLink.objects.create(
            body=standing_committee,
            member=member,
            start_date=dt.date(2025, 1, 1),
            created_by=staff,
            mandate=MandateFactory(body=county, person=PersonFactory(name=f"联系代表{i}")),
        )
    county2 = BodyFactory(name="别县人民代表大会")
    sc2 = BodyFactory(
        name="别县人大常委会", kind=BodyKind.STANDING_COMMITTEE, level=Level.COUNTY, parent=county2
    )
    MemberLink.objects.create(
        body=sc2,
        member=member,
        start_date=dt.date(2025, 1, 1),
        created_by=staff,
        mandate=MandateFactory(body=county2, person=PersonFactory(name="别县代表")),
    )
    c = login(staff)
    page = shown(c, "/work/liaison/links/", key="links")
    rows = exported(c, "/work/liaison/links/")
    assert (
        sorted(r[1] for r in rows)
        == sorted(x.mandate.person.name for x in page)
        == ["联系代表0", "联系代表1"]
    )
