"""A voter's message from a county deputy's public page reaches the liaison station that page shows, and that
station's keeper finds it and handles it (issue 14 "Workflow gaps"; domain.md §4: deputies receive voters at
stations, the station registers and forwards, deputies do not handle problems directly)."""

import re
from html import unescape

import pytest
from django.test import Client

from renda.contact import services
from renda.contact.choices import Status
from renda.contact.models import Message
from tests.contact.helpers import form_data

pytestmark = pytest.mark.django_db


def _message_link(page: str) -> str:
    return unescape(re.search(r'href="(/messages/\?deputy=[^"]+)"', page).group(1))


def test_message_from_a_county_deputys_page_reaches_the_station_on_that_page(
    station, mandate, keeper, login, county
):
    assert mandate.body == county and station.body != county  # a county deputy at a township station
    voter = Client()
    profile = voter.get(f"/deputies/{mandate.person.pk}/").content.decode()
    assert station.name in profile  # the page shows the station …
    link = _message_link(profile)
    form = voter.get(link).content.decode()
    assert station.name in form and mandate.person.name in form
    hidden = dict(re.findall(r'<input type="hidden" name="(station|deputy)" value="(\d+)"', form))
    assert hidden == {"station": str(station.pk), "deputy": str(mandate.pk)}
    r = voter.post("/messages/", {**form_data(None), **hidden})
    assert r.status_code == 302, r.content.decode()[:2000]
    m = Message.objects.get()
    assert (m.station, m.mandate, m.body) == (station, mandate, station.body)  # … and the message goes there
    # The keeper finds it in their queue and can handle it.
    c = login(keeper)
    assert f'href="/work/contact/{m.pk}/"' in c.get("/work/contact/").content.decode()
    assert 'name="accept-urgency"' in c.get(f"/work/contact/{m.pk}/").content.decode()
    assert c.post(f"/work/contact/{m.pk}/do/accept/", {"accept-urgency": "ordinary"}).status_code == 302
    assert Message.objects.get(pk=m.pk).status == Status.ACCEPTED


def test_an_old_link_with_the_deputy_only_still_reaches_the_deputys_station(station, mandate):
    m = services.submit(
        services.Draft(category="roads", title="路灯", content="路灯坏了很久了", consent=True),
        mandate=mandate,
    )
    assert m.station == station and m.body == station.body


def test_a_station_the_deputy_does_not_sit_at_is_replaced_by_the_deputys_own(station, station_b, mandate):
    m = services.submit(
        services.Draft(category="roads", title="路灯", content="路灯坏了很久了", consent=True),
        mandate=mandate,
        station=station_b,
    )
    assert m.station == station


def test_a_deputy_without_a_station_goes_to_the_deputys_body(county, deputy_user):
    from tests.factories.deputies import MandateFactory, PersonFactory

    lone = MandateFactory(body=county, person=PersonFactory(name="钱代表"))
    m = services.submit(
        services.Draft(category="roads", title="路灯", content="路灯坏了很久了", consent=True), mandate=lone
    )
    assert m.station is None and m.body == county
