"""Factories for the deputies registry. `MandateFactory(body=county)` makes a person, a term and a seat."""

import datetime as dt

import factory

from renda.deputies.choices import Gender, Party
from renda.deputies.models import (
    Constituency,
    Delegation,
    DeputyGroup,
    Mandate,
    Person,
    ProfessionalGroup,
    Station,
    Term,
)
from renda.deputies.validation import id_check_digit
from tests.factories.core import BodyFactory


def make_id_number(n: int, birth: dt.date = dt.date(1975, 3, 8), male: bool = True) -> str:
    """A valid 18-digit ID number (right checksum), unique per `n`."""
    seq = (n % 500) * 2 + (1 if male else 0)
    first17 = f"360925{birth:%Y%m%d}{seq:03d}"
    return first17 + id_check_digit(first17)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"张{'伟芳敏静丽强磊军洋勇'[n % 10]}{n}")
    gender = Gender.MALE
    ethnicity = "汉族"
    birth_date = dt.date(1975, 3, 8)
    party = Party.CPC
    occupation = "教师"
    work_unit = "青山县第一中学"


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term
        django_get_or_create = ("body", "number")

    body = factory.SubFactory(BodyFactory)
    number = 18
    start_date = dt.date(2021, 10, 1)
    end_date = dt.date(2026, 12, 31)


class ConstituencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Constituency

    body = factory.SubFactory(BodyFactory)
    name = factory.Sequence(lambda n: f"第{n}选区")
    places = "城南社区\n城北村"


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    body = factory.SubFactory(BodyFactory)
    name = factory.Sequence(lambda n: f"第{n}代表团")


class DeputyGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeputyGroup

    body = factory.SubFactory(BodyFactory)
    name = factory.Sequence(lambda n: f"第{n}代表小组")


class ProfessionalGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfessionalGroup

    body = factory.SubFactory(BodyFactory)
    name = factory.Sequence(lambda n: f"专业小组{n}")


class MandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mandate

    person = factory.SubFactory(PersonFactory)
    body = factory.SubFactory(BodyFactory)
    term = factory.SubFactory(TermFactory, body=factory.SelfAttribute("..body"))
    start_date = dt.date(2021, 10, 1)
    card_number = factory.Sequence(lambda n: f"D{n:05d}")


class StationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Station

    body = factory.SubFactory(BodyFactory)
    name = factory.Sequence(lambda n: f"第{n}代表联络站")
    address = "青山县城关镇人民路1号"
    opening_hours = "每月15日 9:00–12:00"
