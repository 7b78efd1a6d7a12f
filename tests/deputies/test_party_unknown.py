"""Issue 14 "blank party is not 群众": an empty 政治面貌 shows as 未填 everywhere and can be filtered."""

import pytest

from renda.duties.services import duty_file
from tests.deputies.test_pages import names

pytestmark = pytest.mark.django_db


def test_registry_filter_unknown_party_lists_the_blank_ones(login, staff, roster, county):
    roster["wang"].party = ""
    roster["wang"].save(update_fields=["party"])
    client = login(staff)
    page = client.get("/work/deputies/", {"body": county.pk})
    assert '<option value="unknown">未填</option>' in page.content.decode()
    assert names(client.get("/work/deputies/", {"body": county.pk, "party": "unknown"})) == {"王强"}


def test_duty_file_shows_a_blank_party_as_unknown(roster):
    roster["wang"].party = ""
    roster["wang"].save(update_fields=["party"])
    sections = {s.key: s for s in duty_file.build(roster["m_wang"].pk).sections}
    basic = dict(sections["basic"].rows)
    assert basic["政治面貌"] == "未填"
