"""Factories for duty performance. Duty types come from the body's defaults (`services.duty_type`)."""

import datetime as dt

import factory

from renda.duties import services
from renda.duties.choices import Outcome, Review, Source
from renda.duties.models import DutyRecord


def dtype(body, code: str = "inspection"):
    return services.duty_type(body, code)


class DutyRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DutyRecord

    mandate = None
    body = factory.LazyAttribute(lambda o: o.mandate.body)
    duty_type = factory.LazyAttribute(lambda o: dtype(o.mandate.body, "inspection"))
    on = dt.date(2025, 5, 10)
    title = factory.Sequence(lambda n: f"视察城区道路改造{n}")
    source = Source.ACTIVITY
    outcome = Outcome.ATTENDED
    status = Review.APPROVED
    points = factory.LazyAttribute(lambda o: services.records.points_for(o.duty_type, o.outcome, o.on.year))
