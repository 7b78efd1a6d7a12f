"""The unit head sees the reply-quality hints of a draft on the approval card, before signing it (issue 22
"Reply quality hints"; domain.md §1.3 step 7: the unit head approves the reply before it is sent)."""

import pytest

from renda.suggestions import services
from tests.factories.suggestions import reply_pdf
from tests.suggestions.conftest import give_cohandler_opinions

GOOD = "经研究，已安排在城关镇增设路灯 20 盏，将于 6 月底前完成，联系人：张科长，电话 0000-1234567。"


@pytest.fixture
def drafted(handling, unit_user):
    give_cohandler_opinions(handling)
    return services.draft_reply(handling, reply_class="A", content=GOOD, document=reply_pdf(), by=unit_user)


def _hints(client, item, **data):
    return client.post(f"/work/insight/suggestion/{item.pk}/reply-hints/", data)


def test_the_approval_card_loads_the_hints_of_the_stored_draft(handling, drafted, unit_head, login):
    client = login(unit_head)
    page = client.get(f"/work/suggestions/{handling.pk}/").content.decode()
    assert f'hx-vals=\'{{"reply": "{drafted.pk}"}}\'' in page and "审核签发" in page
    html = _hints(client, handling, reply=drafted.pk).content.decode()
    assert "答复质量提示" in html
    # the stored text is read: a measure, a time plan and a contact are all there, so 完整性 passes
    assert 'bg-orange-lt">完整性' not in html and 'bg-green-lt">完整性' in html


def test_a_thin_draft_is_flagged(handling, unit_user, unit_head, login):
    give_cohandler_opinions(handling)
    thin = services.draft_reply(
        handling, reply_class="A", content="收到。", document=reply_pdf(), by=unit_user
    )
    html = _hints(login(unit_head), handling, reply=thin.pk).content.decode()
    assert 'bg-orange-lt">完整性' in html and "答复内容太短" in html


def test_only_a_pending_draft_of_ones_own_unit(handling, drafted, unit_head, other_unit_user, staff, login):
    assert (
        _hints(login(other_unit_user), handling, reply=drafted.pk).status_code == 404
    )  # the co-handling unit
    assert _hints(login(staff), handling, reply=drafted.pk).status_code == 200
    for bad in ("x1", "٣", "9" * 20):  # not a number, a non-ASCII digit, beyond bigint: refused, never a 500
        assert _hints(login(unit_head), handling, reply=bad).status_code == 404
    services.approve_reply(handling, reply_id=drafted.pk, by=unit_head)
    assert _hints(login(unit_head), handling, reply=drafted.pk).status_code == 404  # sent: nothing to check
