"""The audit log holds no business content and no secret (issue 14; domain.md §7.1 三员分立, §7.2 PIPL):
object type, id, action, actor, time, IP and the names of the changed fields only."""

import datetime as dt
from io import BytesIO

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from openpyxl import load_workbook

from renda.contact import services as contact
from renda.contact.choices import Category, Rating
from renda.core import audit
from renda.core.errors import Refused
from renda.core.models import AuditEntry
from renda.deputies import services as deputies
from renda.suggestions import services as suggestions
from tests.factories.deputies import (
    MandateFactory,
    PersonFactory,
    StationFactory,
    TermFactory,
    make_id_number,
)

pytestmark = pytest.mark.django_db


def _log_text() -> str:
    return "\n".join(e.canonical() for e in AuditEntry.objects.order_by("id"))


def test_a_voters_message_leaves_no_code_title_text_or_phone_in_the_log(
    county, township_a, staff, unit, unit_user, deputy_user
):
    from renda.core.roles import Role
    from tests.factories.core import UserFactory

    keeper = UserFactory(username="keeper", full_name="郑站长", role=Role.STATION_KEEPER, body=township_a)
    station = StationFactory(body=township_a, name="城关镇人大代表联络站", keeper=keeper)
    station.members.add(MandateFactory(body=county, person=PersonFactory(user=deputy_user)))
    draft = contact.Draft(
        category=Category.ROADS,
        title="路灯不亮已一个多月",
        content="城南社区门口路灯坏了，晚上出行不便。",
        place="城南社区",
        phone="13800001234",
        consent=True,
    )
    m = contact.submit(draft, station=station)
    m = contact.accept(m, by=keeper, note="已电话联系留言人张三")
    m = contact.forward(m, unit=unit, note="请尽快修复南门路灯", by=staff)
    m = contact.reply(m, text="已安排维修，三日内修复。", by=unit_user)
    contact.rate(m, rating=Rating.SATISFIED, resolved=True, by=None)
    log = _log_text()
    for secret in (m.code, "路灯不亮", "城南社区", "13800001234", "张三", "南门路灯", "三日内修复"):
        assert secret not in log, secret
    entries = AuditEntry.objects.filter(object_type="contact.message", object_id=str(m.pk))
    assert entries.count() == 5
    assert {e.object_repr for e in entries} == {f"contact.message#{m.pk}"}
    assert "status" in entries.get(action="contact.accept").summary["changed"]


def test_a_suggestions_title_content_contact_and_notes_stay_out_of_the_log(county, staff, deputy_user):
    mandate = MandateFactory(
        body=county, term=TermFactory(body=county), person=PersonFactory(user=deputy_user)
    )
    item = suggestions.create_draft(
        mandate=mandate,
        title="关于加装电梯的建议",
        content="老旧小区多为六层无电梯住宅。",
        proposals="纳入年度民生实事。",
        contact="13900001111",
        by=deputy_user,
    )
    item = suggestions.submit(item, by=deputy_user)
    suggestions.not_accept(item, reason="complaint", note="属个人信访事项王五", by=staff)
    log = _log_text()
    for secret in ("加装电梯", "六层无电梯", "民生实事", "13900001111", "王五"):
        assert secret not in log, secret
    assert AuditEntry.objects.filter(action="suggestion.not_accept", object_id=str(item.pk)).exists()


def test_a_deputy_edit_records_which_fields_changed_not_their_values(county, staff):
    person = PersonFactory(name="李代表")
    MandateFactory(body=county, person=person)
    id_number = make_id_number(7)
    deputies.save_person(person, by=staff, phone="13700002222", id_number=id_number, work_unit="县第一中学")
    entry = AuditEntry.objects.get(action="deputies.person.update")
    assert {"phone", "id_number", "work_unit"} <= set(entry.summary["changed"])
    log = _log_text()
    for secret in ("13700002222", id_number, "县第一中学", "李代表"):
        assert secret not in log, secret


def test_a_refusal_keeps_its_code_only(staff):
    audit.record_refusal(Refused("title_too_long", "标题“关于某某小区的建议”过长"), by=staff)
    entry = AuditEntry.objects.get()
    assert entry.summary == {"code": "title_too_long"} and entry.object_id == "title_too_long"
    assert "某某小区" not in entry.canonical()


def test_an_expired_session_does_not_log_the_path_it_was_on(staff):
    with_code = "/messages/status/AB12CD34EF56/"
    audit.record("session_expired", object_type="session", object_repr=with_code)
    assert AuditEntry.objects.get().object_repr == "session"


# The data migration: old entries held content; they are scrubbed and the chain still verifies.
def _state_apps(name: str):
    executor = MigrationExecutor(connection)
    return executor.loader.project_state(("core", name)).apps


def test_the_scrub_migration_removes_content_and_rechains(staff):
    import importlib

    mig = importlib.import_module("renda.core.migrations.0003_audit_privacy_scrub")
    Entry = _state_apps("0002_calendar_seed_and_audit_guard").get_model("core", "AuditEntry")
    prev = audit.GENESIS
    old = [
        {
            "action": "contact.submit",
            "object_type": "contact.message",
            "object_id": "7",
            "object_repr": "路灯不亮 AB12CD34EF56",
            "summary": {"after": {"title": "路灯不亮", "phone": "138"}},
        },
        {
            "action": "refused",
            "object_type": "refusal",
            "object_id": "bad",
            "object_repr": "",
            "summary": {"note": "bad: 标题含王五"},
        },
        {
            "action": "login_failed",
            "object_type": "core.user",
            "object_id": "",
            "object_repr": "deputy",
            "summary": {},
        },
    ]
    for values in old:
        e = Entry(
            at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC),
            actor_name="王工作",
            role="staff",
            prev_hash=prev,
            **values,
        )
        e.hash = mig._hash(e)
        e.save()
        prev = e.hash
    assert audit.verify().ok

    class Editor:
        def __init__(self):
            self.connection = connection

        def execute(self, sql):
            with connection.cursor() as cur:
                cur.execute(sql)

    mig.scrub(_state_apps("0003_audit_privacy_scrub"), Editor())
    assert audit.verify().ok
    rows = list(AuditEntry.objects.order_by("id"))
    assert [r.object_repr for r in rows[:3]] == ["contact.message#7", "refusal#bad", "deputy"]
    assert rows[0].summary == {"changed": ["phone", "title"]} and rows[1].summary == {"code": "bad"}
    assert "路灯" not in _log_text() and "王五" not in _log_text() and "AB12CD34EF56" not in _log_text()
    assert rows[-1].action == "audit.scrub" and rows[-1].summary["chain_ok_before"] is True


# The audit admin's page: Chinese names, a date range with clear errors, and an export.
def test_audit_page_names_actions_and_roles_in_chinese(login, audit_admin, staff):
    audit.record(
        "duty.publish", by=staff, object_type="duties.publication", object_id="3", after={"period": "Q1"}
    )
    page = login(audit_admin).get("/work/admin/audit/").content.decode()
    assert "公布履职积分" in page and "人大机关工作人员" in page


@pytest.mark.parametrize(
    "query,error",
    [
        ("start=2026-13-01", "起始日期格式不正确"),
        ("end=yesterday", "截止日期格式不正确"),
        ("start=2026-05-02&end=2026-05-01", "起始日期不能晚于截止日期"),
    ],
)
def test_a_bad_date_range_says_what_is_wrong(login, audit_admin, staff, query, error):
    audit.record("test.write", by=staff)
    r = login(audit_admin).get(f"/work/admin/audit/?{query}")
    assert r.status_code == 422 and error in r.content.decode()
    assert "test.write" not in r.content.decode()


def test_the_date_range_filters_and_the_export_follows_it(login, audit_admin, staff):
    from django.utils import timezone

    audit.record("test.write", by=staff, object_type="test", object_id="1", after={"x": "secret"})
    today = timezone.localdate()
    c = login(audit_admin)
    assert "test.write" in c.get(f"/work/admin/audit/?start={today}&end={today}").content.decode()
    assert (
        "test.write" not in c.get(f"/work/admin/audit/?end={today - dt.timedelta(days=1)}").content.decode()
    )
    r = c.get(f"/work/admin/audit/export/?start={today}&action=test.")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(BytesIO(r.content)).active.iter_rows(values_only=True))
    data = [row for row in rows[2:] if row and row[6] == "test.write"]
    assert len(data) == 1 and data[0][9] == "x" and data[0][2] == "王工作"
    assert AuditEntry.objects.filter(action="audit.export", actor=audit_admin).exists()


def test_only_the_audit_admin_may_export(login, staff, system_admin):
    assert login(staff).get("/work/admin/audit/export/").status_code == 404
    assert login(system_admin).get("/work/admin/audit/export/").status_code == 404
