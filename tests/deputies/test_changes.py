"""Changes of mandate and the roster on a past date (domain.md §3.1)."""

import datetime as dt

import pytest

from renda.core.errors import NotPermitted, Refused
from renda.core.models import AuditEntry
from renda.deputies import selectors, services
from renda.deputies.choices import ChangeKind, MandateStatus
from renda.deputies.models import MandateChange
from tests.factories.deputies import ConstituencyFactory, MandateFactory, PersonFactory, TermFactory

pytestmark = pytest.mark.django_db


def test_end_mandate_for_two_unapproved_absences_ends_it_and_keeps_history(county, staff):
    # domain.md §3.1: 代表法 Art. 62, two unapproved absences end the mandate
    m = MandateFactory(body=county)
    services.end_mandate(
        m, kind=ChangeKind.TERMINATED, on=dt.date(2024, 3, 1), reason="两次无故缺席", by=staff
    )
    m.refresh_from_db()
    assert (m.status, m.end_date) == (MandateStatus.ENDED, dt.date(2024, 3, 1))
    change = m.changes.get()
    assert change.before["status"] == "active" and change.after["status"] == "ended"
    assert AuditEntry.objects.filter(action="deputies.mandate.terminated", object_id=str(m.pk)).exists()


def test_ending_an_ended_mandate_is_refused_and_changes_nothing(county, staff):
    m = MandateFactory(body=county)
    services.end_mandate(m, kind=ChangeKind.RESIGNED, on=dt.date(2024, 3, 1), reason="辞职", by=staff)
    with pytest.raises(Refused) as exc:
        services.end_mandate(m, kind=ChangeKind.RECALLED, on=dt.date(2024, 4, 1), reason="罢免", by=staff)
    assert exc.value.code == "transition_not_allowed"
    m.refresh_from_db()
    assert m.end_date == dt.date(2024, 3, 1) and m.changes.count() == 1


def test_township_staff_cannot_change_a_county_mandate(county, township_staff):
    m = MandateFactory(body=county)
    with pytest.raises(NotPermitted) as exc:
        services.suspend_mandate(m, on=dt.date(2024, 3, 1), reason="x", by=township_staff)
    assert exc.value.code == "deputies_not_permitted"
    assert not MandateChange.objects.exists()


def test_roster_on_a_past_date_shows_who_held_a_seat_then(county, staff):
    term = TermFactory(body=county)
    kept = MandateFactory(body=county, term=term)
    gone = MandateFactory(body=county, term=term)
    paused = MandateFactory(body=county, term=term)
    services.end_mandate(gone, kind=ChangeKind.RESIGNED, on=dt.date(2023, 6, 1), reason="辞职", by=staff)
    services.suspend_mandate(paused, on=dt.date(2023, 1, 1), reason="涉嫌违法", by=staff)
    services.restore_mandate(paused, on=dt.date(2023, 9, 1), reason="情形消失", by=staff)
    late = services.elect(
        PersonFactory(), term=term, on=dt.date(2024, 1, 10), by=staff, kind=ChangeKind.BY_ELECTION
    )

    def names(on):
        return {m.pk: selectors.status_on(m) for m in selectors.roster(county, on)}

    assert names(dt.date(2022, 1, 1)) == {kept.pk: "active", gone.pk: "active", paused.pk: "active"}
    assert names(dt.date(2023, 7, 1)) == {kept.pk: "active", paused.pk: "suspended"}
    assert names(dt.date(2024, 2, 1)) == {kept.pk: "active", paused.pk: "active", late.pk: "active"}


def test_moving_to_a_constituency_of_another_congress_is_refused(county, township_a, staff):
    m = MandateFactory(body=county, constituency=ConstituencyFactory(body=county))
    with pytest.raises(Refused) as exc:
        services.move_constituency(
            m,
            constituency=ConstituencyFactory(body=township_a),
            on=dt.date(2024, 1, 1),
            reason="区划调整",
            by=staff,
        )
    assert exc.value.code == "move_foreign_constituency"
    assert not m.changes.exists()


def test_mandates_for_user_are_the_deputys_own_current_seats(county, township_a, deputy_user):
    person = PersonFactory(user=deputy_user)
    a = MandateFactory(person=person, body=county)
    b = MandateFactory(person=person, body=township_a)
    MandateFactory(body=county)
    assert set(selectors.mandates_for_user(deputy_user)) == {a, b}


def test_roster_before_a_move_shows_the_old_constituency(county, staff):
    old, new = (
        ConstituencyFactory(body=county, name="甲选区"),
        ConstituencyFactory(body=county, name="乙选区"),
    )
    m = MandateFactory(body=county, constituency=old)
    services.move_constituency(m, constituency=new, on=dt.date(2024, 1, 1), reason="区划调整", by=staff)
    before = list(selectors.roster(county, dt.date(2023, 6, 1)))
    after = list(selectors.roster(county, dt.date(2024, 6, 1)))
    assert selectors.constituencies_on(before) == {m.pk: "甲选区"}
    assert selectors.constituencies_on(after) == {m.pk: "乙选区"}
