"""Policy defaults of voters' messages against their sources (domain.md §2.3, §4; issue 14 "Domain rules")."""

import datetime as dt

import pytest
from django.utils import timezone

from renda.contact import services
from renda.contact.choices import Urgency
from renda.contact.models import ContactPolicy, Message
from renda.core import calendar

pytestmark = pytest.mark.django_db


def test_add_hours_runs_around_the_clock_through_a_weekend():
    # domain.md §2.3: units sign for orders 7×24, so 24 hours from Friday 20:00 is Saturday 20:00
    fri = timezone.make_aware(dt.datetime(2026, 11, 27, 20, 0))
    assert calendar.add_hours(fri, 24) == fri + dt.timedelta(days=1)
    with pytest.raises(ValueError):
        calendar.add_hours(fri, -1)


def test_defaults_follow_the_sources():
    p = ContactPolicy()
    # domain.md §2.3: online submissions accepted within 2 hours; feedback by type 2 h / 24 h / 7 d / 15 d
    assert p.accept_hours == 2
    assert [p.reply_clock(u)[1] for u in Urgency.values] == [2, 24, 7 * 24, 15 * 24]
    # domain.md §4 township flow: hand over within 10 days, and the cited source says the same number
    assert p.forward_days == 10 and "10日" in ContactPolicy._meta.get_field("forward_days").help_text
    # The rating window has no source: it says it is the project's own default.
    assert "本项目默认值" in ContactPolicy._meta.get_field("rate_days").help_text
    assert "本项目默认值" in ContactPolicy._meta.get_field("reopen_max").help_text


@pytest.mark.parametrize(
    ("urgency", "hours"),
    [(Urgency.EMERGENCY, 2), (Urgency.UTILITIES, 24), (Urgency.ORDINARY, 168), (Urgency.COMPLEX, 360)],
)
def test_reply_deadline_follows_the_type_chosen_at_acceptance(
    make_message, keeper, staff, unit, urgency, hours
):
    # domain.md §2.3 feedback table: the type is chosen at acceptance, the unit's clock starts at forwarding
    m = services.accept(make_message(), urgency=urgency, by=keeper)
    assert m.urgency == urgency
    m = services.forward(m, unit=unit, by=staff)
    assert m.reply_due_at - m.forwarded_at == dt.timedelta(hours=hours)
    assert m.reply_due == timezone.localdate(m.reply_due_at)


def test_an_unknown_type_is_refused_and_nothing_changes(make_message, keeper):
    from renda.core.errors import Refused

    m = make_message()
    with pytest.raises(Refused) as exc:
        services.accept(m, urgency="whenever", by=keeper)
    assert exc.value.code == "contact_urgency_required"
    assert Message.objects.get(pk=m.pk).status == "received"


def test_a_message_past_its_two_hours_is_overdue_the_same_day(make_message, login, staff):
    # domain.md §2.3: 2 hours, so an hour-based clock is overdue within the day, not from tomorrow
    m = make_message(title="三小时前的留言")
    Message.objects.filter(pk=m.pk).update(accept_due_at=timezone.now() - dt.timedelta(hours=1))
    assert "三小时前的留言" in login(staff).get("/work/contact/overdue/").content.decode()


def test_policy_page_cites_the_source_of_each_default(login, staff):
    page = login(staff).get("/work/contact/policy/").content.decode()
    assert "受理时限（小时）" in page and "2 小时内受理" in page
    assert "答复时限：紧急诉求（小时）" in page and "复杂诉求 15 日内反馈" in page
    assert "10日内交办" in page and "本项目默认值" in page


def test_accept_page_asks_for_the_type(login, keeper, make_message):
    m = make_message()
    c = login(keeper)
    assert 'name="accept-urgency"' in c.get(f"/work/contact/{m.pk}/").content.decode()
    c.post(f"/work/contact/{m.pk}/do/accept/", {"accept-urgency": "utilities"})
    assert Message.objects.get(pk=m.pk).urgency == Urgency.UTILITIES
