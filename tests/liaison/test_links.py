"""常委会组成人员联系代表 (seeds 002 联系代表制度; issue 20): links within the member's congress only, contacts
recorded for the member and as a duty for each deputy (domain.md §3.1 Art. 8), coverage of the year."""

import datetime as dt

import pytest
from django.utils import timezone

from renda.core.errors import Refused
from renda.duties.models import DutyRecord
from renda.liaison import selectors, services
from renda.liaison.models import MemberContact, MemberLink


def test_a_link_to_a_deputy_outside_the_members_congress_is_refused(staff, member, mandate_a):
    # issue 20 "Bad input": a link to a deputy outside the member's congress → clear error, nothing changed
    with pytest.raises(Refused) as exc:
        services.link(member, mandate_a, by=staff)
    assert exc.value.code == "deputy_outside_congress"
    assert "城关镇" in exc.value.message
    assert not MemberLink.objects.exists()


def test_one_refused_deputy_links_none(staff, member, own_mandate, mandate_a):
    with pytest.raises(Refused):
        services.link_many(member, [own_mandate, mandate_a], by=staff)
    assert not MemberLink.objects.exists()


def test_a_user_without_a_seat_cannot_be_linked(staff, deputy_user, other_mandate):
    with pytest.raises(Refused) as exc:
        services.link(deputy_user, other_mandate, by=staff)
    assert exc.value.code == "not_a_member"


def test_a_contact_is_a_record_for_the_member_and_a_duty_for_each_deputy(
    staff, member, own_mandate, other_mandate
):
    # issue 20: "contacts are recorded (a duty for the deputy, a record for the member)"
    services.link_many(member, [own_mandate, other_mandate], by=staff)
    on = timezone.localdate() - dt.timedelta(days=3)
    row = services.record_contact(
        member,
        mandates=[own_mandate, other_mandate],
        on=on,
        kind="visit",
        summary="听取对县城停车难的意见",
        by=member,
    )
    assert MemberContact.objects.get() == row
    recs = DutyRecord.objects.filter(duty_type__code="member_contact")
    assert {r.mandate_id for r in recs} == {own_mandate.pk, other_mandate.pk}
    assert all(r.on == on for r in recs)


def test_a_contact_with_a_deputy_not_linked_is_refused_and_records_nothing(
    staff, member, own_mandate, other_mandate
):
    services.link(member, own_mandate, by=staff)
    with pytest.raises(Refused) as exc:
        services.record_contact(
            member,
            mandates=[own_mandate, other_mandate],
            on=timezone.localdate(),
            kind="phone",
            summary="x",
            by=member,
        )
    assert exc.value.code == "deputy_not_linked"
    assert not MemberContact.objects.exists() and not DutyRecord.objects.exists()


def test_coverage_lists_deputies_no_member_contacted_this_year(
    staff, member, standing_committee, own_mandate, other_mandate
):
    # issue 20: "coverage is shown (deputies no member has contacted this year)"
    services.link_many(member, [own_mandate, other_mandate], by=staff)
    services.record_contact(
        member, mandates=[own_mandate], on=timezone.localdate(), kind="forum", summary="座谈", by=member
    )
    cov = selectors.coverage(standing_committee, year=timezone.localdate().year)
    uncontacted = {m.pk for m in cov["uncontacted"]}
    assert other_mandate.pk in uncontacted and own_mandate.pk not in uncontacted
    assert cov["members"][0]["linked"] == 2 and cov["members"][0]["contacted"] == 1
    last_year = selectors.coverage(standing_committee, year=timezone.localdate().year - 1)
    assert own_mandate.pk in {m.pk for m in last_year["uncontacted"]}


def test_the_member_page_shows_the_deputies_and_records_a_contact(login, staff, member, own_mandate):
    services.link(member, own_mandate, by=staff)
    client = login(member)
    page = client.get("/work/liaison/member/")
    assert page.status_code == 200 and "赵代表" in page.content.decode()
    resp = client.post(
        "/work/liaison/member/",
        {
            "mandates": [own_mandate.pk],
            "on": timezone.localdate().isoformat(),
            "kind": "visit",
            "summary": "",
        },
    )
    assert resp.status_code == 422 and "请填写联系事项" in resp.content.decode()
    assert not MemberContact.objects.exists()


def test_a_member_is_linked_to_a_whole_deputy_group(staff, member, county, own_mandate, other_mandate):
    from tests.factories.deputies import DeputyGroupFactory

    group = DeputyGroupFactory(body=county, name="城关代表小组")
    for m in (own_mandate, other_mandate):
        m.group = group
        m.save(update_fields=["group"])
    services.link(member, own_mandate, by=staff)
    rows = services.link_deputies(member, group=group, by=staff)  # the one already linked is skipped
    assert [r.mandate_id for r in rows] == [other_mandate.pk]
    with pytest.raises(Refused) as exc:
        services.link_deputies(member, by=staff)
    assert exc.value.code == "no_deputy_chosen"
