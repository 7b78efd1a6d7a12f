"""The lead unit and its co-handling units (domain.md §1.3 step 4): co-handlers send their written opinion to the
lead unit, which "replies to the deputy as one reply and explains the co-handlers' views". The opinions are an
input to the lead's reply, not a lock on drafting it: the lead drafts as soon as it has signed; the reply is sent
once the opinions are in (or the co-handlers' deadline has passed), and the page says who still holds it."""

from datetime import timedelta

import pytest

from renda.core.errors import NotPermitted, Refused
from renda.notify.models import Notification
from renda.suggestions import services
from renda.suggestions.models import ReplyStatus, State
from tests.factories.suggestions import reply_pdf


def _draft(item, handler):
    return services.draft_reply(
        item, reply_class="A", content="已列入今年民生实事项目。", document=reply_pdf(), by=handler
    )


def test_lead_unit_drafts_before_the_co_unit_has_signed(handed_over, unit_user):
    # domain.md §1.3 step 4: the co-handler's opinion is an input to the reply, not a lock on drafting
    services.accept_assignment(handed_over, by=unit_user)
    assert handed_over.state == State.HANDED_OVER  # the co-unit has not signed
    r = _draft(handed_over, unit_user)
    assert r.status == ReplyStatus.DRAFT


def test_lead_reply_is_not_sent_while_a_co_unit_owes_its_opinion(
    handling, unit_user, unit_head, other_unit_user
):
    # domain.md §1.3 step 4: the lead's one reply explains the co-handlers' views
    r = _draft(handling, unit_user)
    with pytest.raises(Refused) as exc:
        services.approve_reply(handling, reply_id=r.pk, by=unit_head)
    assert exc.value.code == "cohandler_opinion_missing" and "县交通运输局" in exc.value.message
    r.refresh_from_db()
    assert r.status == ReplyStatus.DRAFT and handling.state == State.HANDLING
    services.give_opinion(handling, opinion="同意，配合做好道路改造。", by=other_unit_user)
    services.approve_reply(handling, reply_id=r.pk, by=unit_head)
    handling.refresh_from_db()
    assert handling.state == State.REPLIED


def test_after_the_co_handlers_deadline_the_lead_may_send(handling, unit_user, unit_head):
    # domain.md §1.3 step 4: co-handlers answer within their deadline (1 month, Shanghai Art. 17 …); after it the
    # lead replies without waiting for ever
    co = handling.assignments.get(role="co")
    co.cohandler_due = co.cohandler_due - timedelta(days=400)
    co.save(update_fields=["cohandler_due"])
    r = _draft(handling, unit_user)
    services.approve_reply(handling, reply_id=r.pk, by=unit_head)
    handling.refresh_from_db()
    assert handling.state == State.REPLIED


def test_page_says_which_co_unit_holds_the_reply_and_the_lead_reminds_it(
    login, handed_over, unit_user, other_unit_user
):
    services.accept_assignment(handed_over, by=unit_user)
    c = login(unit_user)
    html = c.get(f"/work/suggestions/{handed_over.pk}/").content.decode()
    assert "拟写第1轮答复" in html  # the lead can draft now
    panel = html.split("协办单位意见", 1)[1]
    assert "签发前须收到以下协办单位的意见" in panel and "县交通运输局" in panel and "尚未签收" in panel
    assert c.post(f"/work/suggestions/{handed_over.pk}/act/remind_cohandler/").status_code == 302
    note = Notification.objects.get(user=other_unit_user, title__startswith="催办")
    assert "签收" in note.title
    assert handed_over.timeline.filter(action="remind_cohandler").exists()


def test_staff_remind_the_co_unit_but_the_co_unit_cannot(login, handling, staff, other_unit_user):
    services.remind_cohandlers(handling, by=staff)
    assert Notification.objects.filter(user=other_unit_user, title__startswith="催办").count() == 1
    with pytest.raises(NotPermitted):
        services.remind_cohandlers(handling, by=other_unit_user)


def test_nothing_to_remind_once_every_opinion_is_in(handling, unit_user, other_unit_user):
    services.give_opinion(handling, opinion="同意", by=other_unit_user)
    with pytest.raises(Refused) as exc:
        services.remind_cohandlers(handling, by=unit_user)
    assert exc.value.code == "nothing_to_remind"
