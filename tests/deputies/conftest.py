"""A small roster on the fixed cast: county term with two constituencies in township A and B, a township A
term, a dual-mandate person, and a station in township A."""

import datetime as dt

import pytest

from tests.factories.deputies import (
    ConstituencyFactory,
    DelegationFactory,
    DeputyGroupFactory,
    MandateFactory,
    PersonFactory,
    ProfessionalGroupFactory,
    StationFactory,
    TermFactory,
    make_id_number,
)


@pytest.fixture
def county_term(county):
    return TermFactory(
        body=county, number=18, start_date=dt.date(2021, 10, 1), end_date=dt.date(2026, 12, 31)
    )


@pytest.fixture
def township_term(township_a):
    return TermFactory(
        body=township_a, number=18, start_date=dt.date(2021, 9, 1), end_date=dt.date(2026, 12, 31)
    )


@pytest.fixture
def roster(county, township_a, township_b, county_term, township_term):
    """Returns a dict of the pieces tests refer to by name."""
    con_a = ConstituencyFactory(
        body=county, name="城关镇第1选区", township=township_a, places="城南社区\n城北村"
    )
    con_b = ConstituencyFactory(body=county, name="青石镇第1选区", township=township_b, places="青石村")
    town_con = ConstituencyFactory(
        body=township_a, name="城南社区选区", township=township_a, places="城南社区"
    )
    delegation = DelegationFactory(body=county, name="城关镇代表团")
    group = DeputyGroupFactory(body=county, name="县人大代表城关镇小组", delegation=delegation)
    prof = ProfessionalGroupFactory(body=county, name="法制专业小组")
    zhang = PersonFactory(
        name="张伟",
        gender="M",
        id_number=make_id_number(1),
        phone="13800001111",
        ethnicity="汉族",
        party="cpc",
    )
    li = PersonFactory(
        name="李芳",
        gender="F",
        id_number=make_id_number(2, male=False),
        phone="13900002222",
        ethnicity="畲族",
        party="masses",
        birth_date=dt.date(1975, 3, 8),
    )
    wang = PersonFactory(name="王强", gender="M", party="cdl")
    m_zhang = MandateFactory(
        person=zhang,
        body=county,
        term=county_term,
        constituency=con_a,
        delegation=delegation,
        group=group,
        card_number="QS18-0001",
    )
    m_zhang.professional_groups.add(prof)
    m_zhang_town = MandateFactory(
        person=zhang, body=township_a, term=township_term, constituency=town_con, card_number="CG18-001"
    )
    m_li = MandateFactory(
        person=li, body=county, term=county_term, constituency=con_a, card_number="QS18-0002"
    )
    m_wang = MandateFactory(
        person=wang, body=county, term=county_term, constituency=con_b, card_number="QS18-0003"
    )
    station = StationFactory(body=township_a, name="城关镇人大代表联络站")
    station.members.add(m_zhang, m_zhang_town, m_li)
    return {
        "con_a": con_a,
        "con_b": con_b,
        "town_con": town_con,
        "delegation": delegation,
        "group": group,
        "prof": prof,
        "zhang": zhang,
        "li": li,
        "wang": wang,
        "m_zhang": m_zhang,
        "m_zhang_town": m_zhang_town,
        "m_li": m_li,
        "m_wang": m_wang,
        "station": station,
    }


@pytest.fixture
def grow(roster):
    """grow(n): n more deputies in township A's county constituency (query counts at two roster sizes)."""
    return lambda n, start=1000: _grow(
        roster["con_a"].body, roster["m_zhang"].term, roster["con_a"], n, start
    )


def _grow(body, term, constituency, n: int, start: int):
    for i in range(n):
        MandateFactory(
            person=PersonFactory(name=f"赵{start + i}"),
            body=body,
            term=term,
            constituency=constituency,
            card_number=f"X{start + i}",
        )
