"""Meeting fixtures: five standing-committee members who are county deputies (with mandates and accounts),
the deputy user called as 列席, and a meeting ten days ahead with one agenda item."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from renda.core.roles import Role
from renda.meetings import services
from renda.meetings.models import AttendeeRole, Kind, Membership
from tests.factories.core import UserFactory
from tests.factories.deputies import MandateFactory, PersonFactory


@pytest.fixture
def members(county, standing_committee):
    users = []
    for k in range(5):
        u = UserFactory(username=f"m{k}", full_name=f"委员{k}", role=Role.DEPUTY, body=county)
        MandateFactory(
            body=county, person=PersonFactory(name=f"委员{k}", user=u), start_date=dt.date(2021, 10, 1)
        )
        Membership.objects.create(body=standing_committee, user=u, start_date=dt.date(2021, 10, 1))
        users.append(u)
    return users


def at(days: int, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(
        timezone.localdate() + dt.timedelta(days=days), dt.time(hour), tzinfo=timezone.get_current_timezone()
    )


@pytest.fixture
def meeting(standing_committee, staff, members, deputy_user):
    m = services.create_meeting(
        body=standing_committee,
        kind=Kind.STANDING_COMMITTEE,
        title="常委会第一次会议",
        starts_at=at(10),
        ends_at=at(10, 12),
        location="第一会议室",
        by=staff,
    )
    services.add_attendees(
        m, users=[deputy_user], role=AttendeeRole.OBSERVER, capacity="县人大代表", by=staff
    )
    services.add_item(m, title="审议工作报告", presenter="县长", needs_vote=True, by=staff)
    return m


def pdf_bytes() -> bytes:
    from renda.meetings.demo_files import pdf

    return pdf("测试材料", ["第一段"])


def docx_bytes() -> bytes:
    from renda.meetings.demo_files import docx

    return docx("测试材料", ["第一段正文"])


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def zip_bytes() -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    return buf.getvalue()
