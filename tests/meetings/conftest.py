"""Meeting fixtures: five standing-committee members who are county deputies (with mandates and accounts),
the deputy user called as 列席, and a meeting ten days ahead with one agenda item."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.meetings import services
from renda.meetings.models import AttendeeRole, Kind
from tests.factories.meetings import at, committee_members


@pytest.fixture
def members(county, standing_committee):
    return committee_members(county, standing_committee)


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
