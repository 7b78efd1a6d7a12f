"""A voter's personal data: retention, and the voter's own request for a copy or deletion (issue 21;
domain.md §7.2 — 个人信息保护法 Art. 19 storage no longer than necessary, Art. 45 access, Art. 47 deletion)."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from renda.contact import codes, privacy
from renda.contact.choices import Status
from renda.contact.models import Message
from renda.core.errors import Refused
from renda.core.models import AuditEntry
from tests.factories.contact import MessageFactory
from tests.factories.deputies import StationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def station(county):
    return StationFactory(body=county)


def _message(station, *, code="ABCD2345EFGH", phone="13800138000", status=Status.CLOSED, ended_days=10):
    ended = timezone.now() - timedelta(days=ended_days)
    return MessageFactory(
        station=station,
        code_hash=codes.digest(code),
        phone=phone,
        voter_name="李大爷",
        status=status,
        closed_at=ended if status == Status.CLOSED else None,
        received_at=ended - timedelta(days=20),
    )


def test_the_phone_is_found_by_its_keyed_hash_never_stored_in_clear(station):
    m = _message(station)
    with connection.cursor() as cur:
        cur.execute("SELECT phone, phone_hash FROM contact_message WHERE id = %s", [m.pk])
        token, digest = cur.fetchone()
    assert "13800138000" not in token and "13800138000" not in digest
    assert digest == privacy.phone_digest("138 0013 8000")  # spaces or dashes as the voter says it


def test_staff_find_a_voters_messages_by_code_or_by_phone_within_scope(station, staff, outsider):
    mine = _message(station)
    other = _message(station, code="WXYZ2345EFGH", phone="13900139000")
    assert list(privacy.find(staff, code="abcd-2345-efgh")) == [mine]
    assert set(privacy.find(staff, phone="13900139000")) == {other}
    assert list(privacy.find(outsider, code="ABCD2345EFGH")) == []  # a sibling township sees nothing


def test_a_request_with_neither_code_nor_phone_is_refused(staff):
    with pytest.raises(Refused) as exc:
        privacy.find(staff)
    assert exc.value.code == "privacy_key_required"


def test_the_export_holds_what_was_kept_and_is_audited(station, staff):
    _message(station)
    data = json.loads(privacy.export(staff, privacy.find(staff, phone="13800138000")))
    (item,) = data["留言"]
    assert item["联系电话"] == "13800138000" and item["称呼"] == "李大爷"
    assert AuditEntry.objects.filter(action="contact.privacy_export").count() == 1


def test_erase_clears_the_personal_fields_and_keeps_the_row_for_statistics(station, staff):
    m = _message(station)
    assert privacy.erase(staff, privacy.find(staff, code="ABCD2345EFGH"), reason="本人来电申请") == 1
    m.refresh_from_db()
    assert (m.phone, m.voter_name, m.place, m.phone_hash) == ("", "", "", "")
    assert m.content == privacy.ERASED_TEXT and m.category and m.status == Status.CLOSED
    assert m.events.filter(action="privacy_erase").exists()
    entry = AuditEntry.objects.get(action="contact.privacy_erase")
    assert "本人来电申请" not in json.dumps(entry.summary, ensure_ascii=False)  # the log holds no content


def test_erase_is_refused_while_the_message_is_being_handled_and_changes_nothing(station, staff):
    m = _message(station, status=Status.FORWARDED)
    with pytest.raises(Refused) as exc:
        privacy.erase(staff, privacy.find(staff, code="ABCD2345EFGH"), reason="本人申请")
    assert exc.value.code == "privacy_message_open"
    m.refresh_from_db()
    assert m.phone == "13800138000" and m.voter_name == "李大爷"


def test_erase_needs_a_reason(station, staff):
    _message(station)
    with pytest.raises(Refused) as exc:
        privacy.erase(staff, privacy.find(staff, code="ABCD2345EFGH"), reason=" ")
    assert exc.value.code == "privacy_reason_required"


def test_retention_clears_each_kind_after_its_own_period(station, settings):
    settings.RENDA_RETENTION_DAYS = {"phone": 365, "voter_name": 1095}
    old = _message(station, ended_days=400)
    older = _message(station, code="QRST2345EFGH", ended_days=1200)
    recent = _message(station, code="MNPQ2345EFGH", ended_days=30)
    still_open = _message(station, code="HJKM2345EFGH", status=Status.FORWARDED, ended_days=2000)
    cleared = privacy.clear_expired()
    assert cleared["phone"] == 2 and cleared["voter_name"] == 1
    for m in (old, older, recent, still_open):
        m.refresh_from_db()
    assert old.phone == "" and old.voter_name == "李大爷"  # phone after one year, the name after three
    assert older.phone == "" and older.voter_name == ""
    assert recent.phone == "13800138000" and still_open.phone == "13800138000"
    assert privacy.clear_expired()["phone"] == 0  # a second run finds nothing left


def test_the_page_finds_exports_and_erases(station, staff, login):
    _message(station)
    client = login(staff)
    page = client.get(reverse("contact:privacy"), {"code": "ABCD2345EFGH"})
    assert page.status_code == 200 and "找到 1 条留言" in page.content.decode()
    download = client.post(reverse("contact:privacy"), {"code": "ABCD2345EFGH", "action": "export"})
    assert download["Content-Disposition"].startswith("attachment") and b"13800138000" in download.content
    refused = client.post(
        reverse("contact:privacy"), {"code": "ABCD2345EFGH", "action": "erase", "reason": ""}
    )
    assert refused.status_code == 422 and "请注明删除依据" in refused.content.decode()
    done = client.post(
        reverse("contact:privacy"), {"code": "ABCD2345EFGH", "action": "erase", "reason": "本人来电申请"}
    )
    assert done.status_code == 302
    assert Message.objects.get().voter_name == ""


def test_only_staff_handle_requests(station, leader, login):
    assert login(leader).get(reverse("contact:privacy")).status_code == 403
