"""Templates edited by staff with named variables checked on save; SMS bound to the provider's approval;
preferences refuse bad addresses; the admin pages (issue 18 "Notifications", "Bad input")."""

import pytest

from renda.core.errors import NotPermitted, Refused
from renda.notify import services
from renda.notify.models import Approval, Outbox, Preference, Status, Template
from renda.notify.services import Address, notify
from tests.conftest import verified_client

pytestmark = pytest.mark.django_db


def test_an_unknown_template_variable_is_refused_with_the_allowed_ones_named(staff):
    with pytest.raises(Refused) as exc:
        services.save_template(
            staff.body, "contact_accepted", title="已受理", text="您的查询码 {code}", by=staff
        )
    assert exc.value.code == "notify_variable_unknown"
    assert "{code}" in exc.value.message and "{title}" in exc.value.message and "{link}" in exc.value.message
    assert not Template.objects.exists()


def test_unpaired_braces_and_attribute_access_are_refused(staff):
    with pytest.raises(Refused) as exc:
        services.save_template(staff.body, "message", title="{title", text="x", by=staff)
    assert exc.value.code == "notify_template_braces"
    with pytest.raises(Refused) as exc:
        services.save_template(staff.body, "message", title="{title.__class__}", text="x", by=staff)
    assert exc.value.code == "notify_variable_unknown"


def test_only_staff_edit_templates(deputy_user, county):
    with pytest.raises(NotPermitted):
        services.save_template(county, "message", title="{title}", text="{body}", by=deputy_user)


def test_a_body_wording_is_used_and_its_sms_waits_for_the_provider_approval(staff):
    t = services.save_template(
        staff.body,
        "contact_accepted",
        title="已受理：{title}",
        text="{title} 已受理",
        sms_text="【青山人大】{title}已受理",
        by=staff,
    )
    assert t.sms_approval == Approval.PENDING
    notify(
        [Address(phone="13800001111")],
        "contact_accepted",
        {"title": "路灯"},
        channels=("sms",),
        event="a1",
        body=staff.body,
    )
    row = Outbox.objects.get()
    assert row.status == Status.SKIPPED and "审核" in row.last_error
    services.save_template(
        staff.body,
        "contact_accepted",
        title="已受理：{title}",
        text="{title} 已受理",
        sms_text="【青山人大】{title}已受理",
        sms_approval=Approval.APPROVED,
        by=staff,
    )
    notify(
        [Address(phone="13800001111")],
        "contact_accepted",
        {"title": "路灯"},
        channels=("sms",),
        event="a2",
        body=staff.body,
    )
    assert Outbox.objects.get(event="a2").text == "【青山人大】路灯已受理"
    # A new SMS wording goes back to pending: the provider must approve it again.
    t = services.save_template(
        staff.body,
        "contact_accepted",
        title="已受理：{title}",
        text="{title} 已受理",
        sms_text="【青山人大】{title}受理了",
        by=staff,
    )
    assert t.sms_approval == Approval.PENDING


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [("phone", "1234", "notify_phone_invalid"), ("email", "a@", "notify_email_invalid")],
)
def test_preferences_refuse_an_invalid_phone_or_email(deputy_user, field, value, code):
    with pytest.raises(Refused) as exc:
        services.save_preferences(deputy_user, by=deputy_user, **{field: value})
    assert exc.value.code == code
    assert not Preference.objects.exists()


def test_the_preferences_page_saves_and_shows_a_refusal_in_place(deputy_user):
    c = verified_client(deputy_user)
    r = c.post("/work/inbox/preferences/", {"phone": "12", "sms_on": "on"})
    assert r.status_code == 422 and "格式不正确" in r.content.decode()
    r = c.post("/work/inbox/preferences/", {"phone": "138 0000 1234", "sms_on": "on", "digest_on": "on"})
    assert r.status_code == 302
    p = Preference.objects.get(user=deputy_user)
    assert p.phone == "13800001234" and p.digest_on and not p.email_on


def test_the_outbox_page_lists_by_status_and_staff_retry(staff, outsider, system_admin):
    notify(
        [Address(phone="13800002222")],
        "message",
        {"title": "会议通知"},
        channels=("sms",),
        event="d1",
        body=staff.body,
    )
    row = Outbox.objects.get()
    Outbox.objects.filter(pk=row.pk).update(status=Status.DEAD, last_error="已尝试 6 次：503")
    c = verified_client(staff)
    page = c.get("/work/inbox/outbox/?status=dead").content.decode()
    assert "138****2222" in page and "13800002222" not in page and "会议通知" in page
    assert c.post(f"/work/inbox/outbox/{row.pk}/retry/").status_code == 302
    assert Outbox.objects.get().status == Status.QUEUED
    # Another township's staff do not see it; the system admin sees the row but not its contents.
    assert verified_client(outsider).get(f"/work/inbox/outbox/{row.pk}/").status_code == 404
    admin_page = verified_client(system_admin).get("/work/inbox/outbox/").content.decode()
    assert "138****2222" in admin_page and "会议通知" not in admin_page


def test_the_template_page_refuses_an_unknown_variable_keeping_what_was_typed(staff):
    c = verified_client(staff)
    r = c.post(
        "/work/inbox/templates/contact_replied/",
        {"title": "已答复", "text": "请拨打 {phone} 咨询", "sms_text": "", "sms_approval": "pending"},
    )
    body = r.content.decode()
    assert r.status_code == 422 and "{phone}" in body and "请拨打" in body
    assert c.get("/work/inbox/templates/").status_code == 200


def test_the_page_keeps_sms_approved_when_only_the_inbox_wording_changes_and_resets_it_for_new_sms_text(
    staff,
):
    # wave2-references.md (d) 7: a changed SMS wording must be approved by the provider again
    c = verified_client(staff)
    form = {
        "title": "留言已受理：{title}",
        "text": "{title} 已受理",
        "sms_text": "【人大代表联络站】您的留言“{title}”已受理，凭查询码查看进度：{link}",
        "sms_approval": "approved",
    }
    assert c.post("/work/inbox/templates/contact_accepted/", form).status_code == 302
    assert Template.objects.get().sms_approval == Approval.APPROVED
    form["sms_text"] = "【青山人大】您的留言{title}已受理"
    assert c.post("/work/inbox/templates/contact_accepted/", form).status_code == 302
    assert Template.objects.get().sms_approval == Approval.PENDING


def test_staff_set_the_limits_on_the_policy_page_and_a_number_out_of_range_is_refused(staff):
    from renda.notify.models import NotifyPolicy

    c = verified_client(staff)
    values = {
        "sms_interval_minutes": 30,
        "sms_daily_cap": 5,
        "quiet_start": 21,
        "quiet_end": 7,
        "max_attempts": 4,
        "retry_base_seconds": 120,
        "max_checks": 10,
        "expire_hours": 48,
        "retention_days": 180,
        "announce_channels": 1,  # meetings and activities: inbox and SMS (issue 18, 代表活动提前通知)
    }
    assert c.post("/work/inbox/policy/", values).status_code == 302
    assert services.policy_for(staff.body).sms_interval_minutes == 30
    assert services.policy_for(staff.body).announce_channels == 1
    r = c.post("/work/inbox/policy/", {**values, "quiet_start": 25})
    assert r.status_code == 422 and NotifyPolicy.objects.get().quiet_start == 21
