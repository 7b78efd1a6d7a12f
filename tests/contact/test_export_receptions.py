"""The reception-day calendar as xlsx (issue 19): exactly the page's rows, the deputies on duty with their
answer, the status as its label, never another county's stations."""

import datetime as dt

import pytest
from django.utils import timezone

from renda.contact.choices import ReceptionStatus
from tests.exporting import exported, shown
from tests.factories.contact import DutyFactory, ReceptionDayFactory
from tests.factories.core import BodyFactory
from tests.factories.deputies import MandateFactory, PersonFactory, StationFactory

pytestmark = pytest.mark.django_db


def test_receptions_export_has_the_page_rows_and_nothing_out_of_scope(login, staff, county):
    station = StationFactory(body=county, name="城关联络站")
    today = timezone.localdate()
    for i in range(2):
        day = ReceptionDayFactory(station=station, date=today + dt.timedelta(days=5 + i), topic=f"接待{i}")
    DutyFactory(reception=day, mandate=MandateFactory(body=county, person=PersonFactory(name="孙代表")))
    ReceptionDayFactory(station=StationFactory(body=BodyFactory(name="别县人民代表大会")), topic="别县接待")
    c = login(staff)
    page = shown(c, "/work/contact/receptions/")
    rows = exported(c, "/work/contact/receptions/")
    assert [r[3] for r in rows] == [d.topic for d in page] == ["接待1", "接待0"]
    assert rows[0][1] == "09:00–11:30" and rows[0][4] == "孙代表（待确认）"
    assert rows[0][5] == ReceptionStatus.PLANNED.label


def test_overdue_messages_export_has_the_page_rows_and_nothing_out_of_scope(login, staff, make_message):
    from renda.contact.models import Message
    from tests.factories.contact import MessageFactory

    late = timezone.now() - dt.timedelta(hours=1)
    for i in range(2):
        m = make_message(title=f"超期留言{i}")
        Message.objects.filter(pk=m.pk).update(
            accept_due_at=late, received_at=late - dt.timedelta(hours=3 - i)
        )
    make_message(title="未超期留言")
    far = MessageFactory(station=StationFactory(body=BodyFactory(name="别县人民代表大会")), title="别县留言")
    Message.objects.filter(pk=far.pk).update(accept_due_at=late)
    c = login(staff)
    page = shown(c, "/work/contact/overdue/")
    rows = exported(c, "/work/contact/overdue/")
    assert [r[3] for r in rows] == [m.title for m in page] == ["超期留言0", "超期留言1"]
