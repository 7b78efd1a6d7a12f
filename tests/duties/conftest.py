"""Duty fixtures: the demo-like cast plus seats. `own_mandate` belongs to `deputy_user` (county congress);
`mandate_a` / `mandate_b` sit in townships A and B."""

import datetime as dt

import pytest

from tests.factories.deputies import MandateFactory, PersonFactory


@pytest.fixture
def own_mandate(county, deputy_user):
    return MandateFactory(
        body=county, person=PersonFactory(name="赵代表", user=deputy_user), start_date=dt.date(2021, 10, 1)
    )


@pytest.fixture
def other_mandate(county):
    return MandateFactory(body=county, person=PersonFactory(name="钱代表"), start_date=dt.date(2021, 10, 1))


@pytest.fixture
def mandate_a(township_a):
    return MandateFactory(
        body=township_a, person=PersonFactory(name="孙乡代表"), start_date=dt.date(2021, 9, 28)
    )


@pytest.fixture
def mandate_b(township_b):
    return MandateFactory(
        body=township_b, person=PersonFactory(name="李乡代表"), start_date=dt.date(2021, 9, 28)
    )


@pytest.fixture
def png_bytes():
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buf, "PNG")
    return buf.getvalue()
