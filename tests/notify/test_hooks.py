"""The calls other apps make (issue 18): a voter who left a mobile number gets an SMS when their message is
accepted, replied and closed, with the tracking link; deputies hear of a co-signing request over WeChat/SMS
as well as the inbox. The apps' own inbox calls keep working."""

from datetime import timedelta

import pytest

from renda.contact import services as contact
from renda.contact.choices import Category
from renda.core.roles import Role
from renda.notify import services
from renda.notify.models import Notification, Outbox, Preference
from renda.suggestions import services as suggestions
from tests.factories.core import UserFactory
from tests.factories.deputies import MandateFactory, PersonFactory, StationFactory, TermFactory

pytestmark = pytest.mark.django_db


def _message(township_a, phone: str):
    keeper = UserFactory(username="keeper", role=Role.STATION_KEEPER, body=township_a)
    station = StationFactory(body=township_a, keeper=keeper)
    draft = contact.Draft(
        category=Category.ROADS,
        title="城南社区路灯不亮",
        content="路灯坏了一个多月。",
        place="城南社区",
        phone=phone,
        consent=True,
    )
    return contact.submit(draft, station=station), keeper


def test_a_voter_gets_an_sms_with_the_tracking_link_when_accepted_replied_and_closed(
    township_a, staff, unit, unit_user, settings
):
    settings.NOTIFY_SITE_URL = "https://rd.qingshan.gov.cn"
    m, keeper = _message(township_a, "13800001234")
    m = contact.accept(m, by=keeper)
    m = contact.forward(m, unit=unit, by=staff)
    m = contact.reply(m, text="已安排维修，三日内修复。", by=unit_user)
    contact.close(m, system=True)
    rows = list(Outbox.objects.order_by("id"))
    assert [r.template for r in rows] == ["contact_accepted", "contact_replied", "contact_closed"]
    assert {r.address for r in rows} == {"13800001234"} and all(r.channel == "sms" for r in rows)
    assert all("https://rd.qingshan.gov.cn/messages/track/" in r.text for r in rows)
    assert str(unit) in rows[1].text
    # The log adapter (development default); the per-number interval spaces the three by 10 minutes, and the
    # quiet hours may hold them to the morning.
    later = max(r.next_attempt_at for r in rows)
    assert later - rows[0].next_attempt_at == timedelta(minutes=20)
    assert services.dispatch(now=later) == {"sent": 3}


def test_a_voter_with_a_landline_or_no_number_gets_no_sms(township_a):
    m, keeper = _message(township_a, "075512345678")
    contact.accept(m, by=keeper)
    assert not Outbox.objects.exists()


def test_co_signers_are_asked_over_wechat_or_sms_and_in_the_inbox(county, deputy_user):
    term = TermFactory(body=county)
    lead = MandateFactory(body=county, term=term, person=PersonFactory(name="赵代表", user=deputy_user))
    users = [
        UserFactory(username=f"co{i}", role=Role.DEPUTY, body=county, phone=f"1390000000{i}")
        for i in range(2)
    ]
    Preference.objects.create(user=users[0], wechat_openid="oWX0001")
    item = suggestions.create_draft(
        mandate=lead,
        title="关于治理县城河道的建议",
        content="河道淤积",
        proposals="清淤",
        contact="13900001111",
        cosigners=[MandateFactory(body=county, term=term, person=PersonFactory(user=u)) for u in users],
        by=deputy_user,
    )
    suggestions.submit(item, by=deputy_user)
    assert (
        Notification.objects.filter(user__in=users, title="请确认附议：关于治理县城河道的建议").count() == 2
    )
    rows = {r.user.username: r.channel for r in Outbox.objects.select_related("user")}
    # WeChat needs a template id configured; without one the chain goes to SMS.
    assert rows == {"co0": "sms", "co1": "sms"}


def test_the_apps_send_calls_still_write_one_inbox_row_and_can_add_email(settings):
    u = UserFactory(email="staff@example.cn")
    assert services.send(u, title="留言即将超期", dedupe_key="c:1") is not None
    assert services.send(u, title="留言即将超期", dedupe_key="c:1") is None
    assert not Outbox.objects.exists()  # default: the inbox only, as before
    settings.NOTIFY_DEFAULT_CHANNELS = "inbox,email"
    services.send_many([u.pk], title="新留言", dedupe_key="c:2")
    services.send_many([u.pk], title="新留言", dedupe_key="c:2")
    assert Notification.objects.filter(user=u).count() == 2
    assert list(Outbox.objects.values_list("key", flat=True)) == [f"c:2:u{u.pk}:email"]


def test_the_management_command_dispatches_and_refuses_a_bad_limit():
    from django.core.management import CommandError, call_command

    services.notify(
        [services.Address(phone="13800003434")],
        "message",
        {"title": "x"},
        channels=("sms",),
        event="cmd",
        urgent=True,
    )
    call_command("notify", "dispatch")
    assert Outbox.objects.get().status == "sent"
    with pytest.raises(CommandError):
        call_command("notify", "dispatch", "--limit", "0")
