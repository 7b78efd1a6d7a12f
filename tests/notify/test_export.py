"""The notification outbox as xlsx with its filter (issue 19): exactly the page's rows, never out of scope,
and no address or message text in the file."""

import pytest
from django.utils import timezone

from renda.notify.models import Outbox
from tests.exporting import exported, shown
from tests.factories.core import BodyFactory

pytestmark = pytest.mark.django_db


def test_filtered_export_has_the_page_rows_and_nothing_out_of_scope(login, staff, county):
    for i in range(3):
        Outbox.objects.create(
            key=f"k{i}",
            event=f"事件{i}",
            channel="sms",
            next_attempt_at=timezone.now(),
            body=county,
            text="秘密内容",
        )
    Outbox.objects.create(
        key="sent", event="已发送", channel="sms", next_attempt_at=timezone.now(), body=county, status="sent"
    )
    Outbox.objects.create(
        key="x",
        event="别县事件",
        channel="sms",
        next_attempt_at=timezone.now(),
        body=BodyFactory(name="别县人民代表大会"),
    )
    c = login(staff)
    params = {"status": "queued"}
    page = shown(c, "/work/inbox/outbox/", params)
    rows = exported(c, "/work/inbox/outbox/", params, shows={"status": "待发送"})
    assert sorted(r[0] for r in rows) == sorted(o.pk for o in page) and len(rows) == 3
    assert "秘密内容" not in str(rows)
    assert "别县事件" not in {r[1] for r in exported(c, "/work/inbox/outbox/")}
