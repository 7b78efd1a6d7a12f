"""The registry's tables: one person, several mandates; one current seat per congress and term; encryption."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction

from renda.core import crypto
from renda.deputies.choices import MandateStatus
from renda.deputies.models import Mandate, Person
from tests.factories.deputies import MandateFactory, PersonFactory, make_id_number

pytestmark = pytest.mark.django_db


def test_one_person_can_hold_a_county_and_a_township_mandate(county, township_a):
    person = PersonFactory()
    MandateFactory(person=person, body=county)
    MandateFactory(person=person, body=township_a)
    assert Person.objects.count() == 1
    assert sorted(person.mandates.values_list("level", flat=True)) == ["county", "township"]


def test_second_current_mandate_in_same_congress_and_term_is_refused_by_the_database(county):
    first = MandateFactory(body=county)
    with pytest.raises(IntegrityError), transaction.atomic():
        MandateFactory(person=first.person, body=county, term=first.term)


def test_an_ended_mandate_does_not_block_a_new_one_in_the_same_term(county):
    first = MandateFactory(body=county)
    Mandate.objects.filter(pk=first.pk).update(status=MandateStatus.ENDED, end_date=dt.date(2023, 1, 1))
    MandateFactory(person=first.person, body=county, term=first.term)
    assert Mandate.objects.filter(person=first.person).count() == 2


def test_id_number_and_phone_are_encrypted_at_rest_and_hashed_for_lookup(db):
    number = make_id_number(1)
    person = PersonFactory(id_number=number, phone="13800001111")
    with connection.cursor() as cur:
        cur.execute("SELECT id_number, phone, id_hash FROM deputies_person WHERE id = %s", [person.pk])
        raw_id, raw_phone, id_hash = cur.fetchone()
    assert number not in raw_id and "13800001111" not in raw_phone
    assert id_hash == crypto.lookup_hash(number)
    again = Person.objects.get(pk=person.pk)
    assert (again.id_number, again.phone) == (number, "13800001111")


def test_pinyin_and_initials_are_derived_from_the_name(db):
    person = PersonFactory(name="张伟")
    assert (person.name_pinyin, person.name_initials) == ("zhangwei", "zw")


def test_surnames_with_a_special_reading_are_searchable_by_it(db):
    # 曾 is read "zeng" as a surname (not "ceng"), 单 "shan", 万俟 "moqi"
    assert PersonFactory(name="曾伟").name_pinyin == "zengwei"
    assert PersonFactory(name="单雄").name_initials == "sx"
    assert PersonFactory(name="万俟卨").name_pinyin == "moqixie"
