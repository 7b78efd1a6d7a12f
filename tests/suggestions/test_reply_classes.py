"""Reply classes (domain.md §1.3 step 8): the reporting labels A–D and the statutory class for matters of a
higher level — Chongqing Art. 22, "involves an upper-level authority; report how it was passed upwards"."""

from renda.suggestions import rates, services
from renda.suggestions.models import ReplyClass
from tests.suggestions.conftest import send_reply


def test_the_upper_level_class_is_offered(login, handling, unit_user):
    # domain.md §1.3 step 8, table row "Upper-level matter" (Chongqing Art. 22)
    assert "E" in ReplyClass.values and "上级" in ReplyClass.E.label
    html = login(unit_user).get(f"/work/suggestions/{handling.pk}/").content.decode()
    assert 'value="E"' in html and "属上级事权" in html


def test_an_upper_level_reply_is_sent_and_is_not_counted_as_solved(handling, unit_user, unit_head, county):
    r = send_reply(handling, unit_user, unit_head, reply_class="E")
    assert r.reply_class == "E"
    row = rates.unit_rates(body=county, year=handling.assignments.first().year)[0]
    assert row["solved_ab"].num == 0 and row["solved_ab"].den == 1
    assert services.replying(handling)[0].reply_class == "E"
