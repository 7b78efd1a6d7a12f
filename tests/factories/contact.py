"""Factories for voters' messages. `MessageFactory(station=s)` makes a received message at a station."""

import datetime as dt

import factory
from django.utils import timezone

from renda.contact import codes
from renda.contact.choices import Category, Channel, ReceptionStatus
from renda.contact.models import DutyAssignment, Message, ReceptionDay
from tests.factories.deputies import StationFactory


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    station = factory.SubFactory(StationFactory)
    body = factory.SelfAttribute("station.body")
    code_hash = factory.LazyFunction(lambda: codes.digest(codes.new_code()))
    channel = Channel.WEB
    category = Category.ROADS
    title = factory.Sequence(lambda n: f"路灯不亮{n}")
    content = "小区门口的路灯坏了一个多月，晚上出行很不方便。"
    place = "城南社区"
    consent_at = factory.LazyFunction(timezone.now)
    received_at = factory.LazyFunction(timezone.now)
    accept_due = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=3))


class ReceptionDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReceptionDay

    station = factory.SubFactory(StationFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=10))
    starts = dt.time(9, 0)
    ends = dt.time(11, 30)
    topic = "听取群众意见"
    status = ReceptionStatus.PLANNED


class DutyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DutyAssignment

    reception = factory.SubFactory(ReceptionDayFactory)
