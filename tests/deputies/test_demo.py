"""The demo step: a realistic county roster, the demo deputy linked, the keeper at the 城关镇 station."""

import pytest
from django.db.models import Count

from renda.core.demo_data import build_core
from renda.deputies import demo
from renda.deputies.models import Mandate, Person, Station

pytestmark = pytest.mark.django_db


def test_demo_roster_has_a_realistic_composition():
    county = build_core()
    demo.load(county)
    seats = dict(Mandate.objects.values_list("level").annotate(n=Count("id")))
    assert 230 <= seats["county"] <= 270 and 1100 <= seats["township"] <= 1300
    assert Person.objects.annotate(n=Count("mandates")).filter(n__gt=1).count() >= 20
    women = Person.objects.filter(gender="F").count() / Person.objects.count()
    assert 0.22 <= women <= 0.4
    deputy = Person.objects.get(user__username="deputy")
    assert sorted(deputy.mandates.values_list("level", flat=True)) == ["county", "township"]
    assert Station.objects.get(keeper__username="keeper").body.short_name == "城关镇"
