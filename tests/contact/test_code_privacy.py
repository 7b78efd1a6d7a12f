"""Tracking codes are stored only as a keyed hash (issue 14 "Privacy"; domain.md §7.2): the code is the key to a
voter's status page, so no table, outbox, timeline or audit entry may hold it; the voter sees it once."""

import pytest
from django.db import connection
from django.test import Client

from renda.contact import codes, services
from renda.contact.models import Message
from renda.core.models import AuditEntry
from tests.contact.helpers import form_data

pytestmark = pytest.mark.django_db


def _everything_stored_about(m) -> str:
    """Every text column of the message, its timeline, SMS outbox and audit entries, as stored."""
    out = []
    with connection.cursor() as cur:
        for table, where in (
            ("contact_message", "id"),
            ("contact_messageevent", "message_id"),
        ):
            cur.execute(f"SELECT * FROM {table} WHERE {where} = %s", [m.pk])  # noqa: S608 — fixed names
            out += [str(v) for row in cur.fetchall() for v in row]
    out += [str(e.__dict__) for e in AuditEntry.objects.filter(object_id=str(m.pk))]
    return "\n".join(out)


def test_no_table_holds_the_clear_code(make_message, keeper, staff, unit):
    m = make_message()
    code = m.code
    services.forward(services.accept(m, by=keeper), unit=unit, by=staff)
    stored = _everything_stored_about(m)
    assert code not in stored and codes.display(code) not in stored
    assert Message.objects.get(pk=m.pk).code_hash == codes.digest(code) != code
    assert not hasattr(Message.objects.get(pk=m.pk), "code")


def test_the_code_is_shown_on_the_confirmation_page_only(station, login, staff):
    c = Client()
    c.post("/messages/", form_data(station))
    code = c.session["contact_code"]
    assert codes.display(code) in c.get("/messages/done/").content.decode()
    m = Message.objects.get()
    status = c.get(f"/messages/t/{code}/").content.decode()
    assert "路灯不亮" in status and codes.display(code) not in status
    staff_pages = login(staff).get(f"/work/contact/{m.pk}/").content.decode()
    staff_pages += login(staff).get("/work/contact/").content.decode()
    assert code not in staff_pages and codes.display(code) not in staff_pages


def test_lookups_by_code_keep_working_status_rating_and_staff_search(make_message, keeper, login, staff):
    m = make_message()
    code = m.code
    services.answer(m, text="已安排维修", by=keeper)
    c = Client()
    assert "已安排维修" in c.get(f"/messages/t/{codes.display(code).lower()}/").content.decode()
    assert c.get(f"/api/v1/contact/status/{code}").json()["status"] == "replied"
    r = c.post(f"/messages/t/{code}/rate/", {"rating": "satisfied", "resolved": "1"})
    assert r.status_code == 302 and Message.objects.get(pk=m.pk).rating == "satisfied"
    # A voter reads the code out on the phone: staff find the message by it.
    found = login(staff).get("/work/contact/", {"q": codes.display(code)}).content.decode()
    assert f'href="/work/contact/{m.pk}/"' in found


@pytest.mark.django_db(transaction=True)
def test_migration_hashes_existing_codes_then_drops_the_clear_column():
    from django.db.migrations.executor import MigrationExecutor

    before, after = ("contact", "0004_policy_by_type_hours"), ("contact", "0005_tracking_code_hash")
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    Body = old.get_model("core", "Body")
    body = Body.objects.create(name="试点县人大", path="/", level="county", kind="congress")
    from django.utils import timezone

    now = timezone.now()
    old.get_model("contact", "Message").objects.create(
        body_id=body.pk,
        code="ABCDEFGHJKMN",
        category="roads",
        title="t",
        content="c",
        consent_at=now,
        received_at=now,
    )
    executor = MigrationExecutor(connection)
    executor.migrate([after])
    with connection.cursor() as cur:
        columns = [c.name for c in connection.introspection.get_table_description(cur, "contact_message")]
        cur.execute("SELECT code_hash FROM contact_message")
        (stored,) = cur.fetchone()
    assert "code" not in columns and stored == codes.digest("ABCDEFGHJKMN")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
