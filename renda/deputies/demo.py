"""Demo step: ~250 county deputies and ~1,200 township deputies of 青山县 with a realistic composition,
their terms, constituencies, delegations, groups and liaison stations, plus a few changes of mandate.

Some persons hold both a county and a township mandate; the demo account `deputy` is one of them, and
the demo `keeper` keeps the 城关镇 station.
"""

from datetime import date, timedelta
from random import Random

from django.contrib.auth.hashers import make_password
from django.db import transaction
from faker import Faker

from renda.core import demo as core_demo
from renda.core.models import BodyKind, User
from renda.core.roles import Role

from . import services
from .choices import ChangeKind, Education, Gender, OccupationCategory, Party, StationKind
from .demo_places import COUNTY_PROFESSIONAL_GROUPS, OCCUPATIONS, places_for
from .models import (
    Constituency,
    Delegation,
    DeputyGroup,
    Mandate,
    MandateChange,
    Person,
    ProfessionalGroup,
    Station,
    Term,
)
from .validation import id_check_digit

COUNTY_START = date(2021, 10, 20)
TOWNSHIP_START = date(2021, 9, 28)
TERM_END = date(2026, 12, 31)
_MINORITIES = ("畲族", "回族", "苗族", "满族", "壮族", "土家族")
_DEMOCRATIC = (Party.RCCK, Party.CDL, Party.CNDCA, Party.CAPD, Party.CPWDP, Party.CZGD, Party.JS)


class _People:
    """Makes plausible persons: ~30 % women, ~3 % minorities, ages 28–65, party shares by level."""

    def __init__(self, rng: Random, fake: Faker, county_name: str, region_code: str):
        self.rng, self.fake, self.county_name, self.region = rng, fake, county_name, region_code
        self.seen_ids: set[str] = set()
        self.persons: list[Person] = []

    def _id_number(self, birth: date, male: bool) -> str:
        while True:
            seq = self.rng.randrange(0, 500) * 2 + (1 if male else 0)
            first17 = f"{self.region}{birth:%Y%m%d}{seq:03d}"
            number = first17 + id_check_digit(first17)
            if number not in self.seen_ids:
                self.seen_ids.add(number)
                return number

    def make(self, *, county_level: bool, township: str, place: str, name: str = "") -> Person:
        rng = self.rng
        male = bool(name) or rng.random() > (0.32 if county_level else 0.28)
        name = name or (self.fake.name_male() if male else self.fake.name_female())
        birth = date(1960, 1, 1) + timedelta(days=rng.randrange(0, 36 * 365))
        category, occupation, unit = self._occupation(township, place)
        roll = rng.random()
        cpc = 0.70 if county_level else 0.58
        if category == OccupationCategory.OFFICIAL or roll < cpc:
            party = Party.CPC
        elif county_level and roll < cpc + 0.06:
            party = rng.choice(_DEMOCRATIC)
        elif roll < cpc + 0.09:
            party = Party.NON_PARTY
        else:
            party = Party.MASSES
        edu_roll = rng.random() + (0.25 if county_level else 0) + (0.3 if category in (O_PRO, O_OFF) else 0)
        education = (
            Education.MASTER
            if edu_roll > 1.3
            else Education.BACHELOR
            if edu_roll > 0.85
            else Education.COLLEGE
            if edu_roll > 0.55
            else Education.SECONDARY
            if edu_roll > 0.25
            else Education.JUNIOR
        )
        person = Person(
            name=name,
            gender=Gender.MALE if male else Gender.FEMALE,
            ethnicity="汉族" if rng.random() > 0.03 else rng.choice(_MINORITIES),
            birth_date=birth,
            party=party,
            education=education,
            occupation=occupation,
            occupation_category=category,
            work_unit=unit,
            id_number=self._id_number(birth, male),
            phone=f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}",
        )
        self.persons.append(person)
        return person

    def _occupation(self, township: str, place: str) -> tuple[str, str, str]:
        weights = [w for _, w, _ in OCCUPATIONS]
        category, _, options = self.rng.choices(OCCUPATIONS, weights=weights)[0]
        occupation, pattern = self.rng.choice(options)
        return (
            category,
            occupation,
            pattern.format(t=township, p=place.removesuffix("村").removesuffix("社区"), c=self.county_name),
        )


O_PRO, O_OFF = OccupationCategory.PROFESSIONAL, OccupationCategory.OFFICIAL


@core_demo.register(10, "代表名册")
@transaction.atomic
def load(county: core_demo.DemoCounty) -> None:
    rng = Random(20261125)
    fake = Faker("zh_CN")
    fake.seed_instance(20261125)
    body = county.county
    county_name = body.short_name.removesuffix("人大") or "青山县"
    people = _People(rng, fake, county_name, body.region_code or "360925")

    cterm = Term.objects.create(body=body, number=18, start_date=COUNTY_START, end_date=TERM_END)
    tterms = {
        t.pk: Term(body=t, number=18, start_date=TOWNSHIP_START, end_date=TERM_END)
        for t in county.townships
        if t.kind == BodyKind.PRESIDIUM
    }
    Term.objects.bulk_create(tterms.values())
    prof_groups = ProfessionalGroup.objects.bulk_create(
        ProfessionalGroup(body=body, name=n) for n in COUNTY_PROFESSIONAL_GROUPS
    )

    mandates: list[Mandate] = []
    extra_groups: list[tuple[Mandate, ProfessionalGroup]] = []
    deputy_account = county.accounts.get("deputy")
    linked_person: Person | None = None
    for ti, township in enumerate(county.townships):
        short = township.short_name or township.name[:3]
        # Sub-districts (街道) have no congress of their own: their voters elect county deputies only.
        has_congress = township.kind == BodyKind.PRESIDIUM
        places = places_for(ti, short, 15 if has_congress else 9)
        delegation = Delegation.objects.create(body=body, name=f"{short}代表团")
        cgroup = DeputyGroup.objects.create(body=body, name=f"县人大代表{short}小组", delegation=delegation)
        tgroups = (
            DeputyGroup.objects.bulk_create(
                DeputyGroup(body=township, name=f"第{'一二三四'[g]}代表小组") for g in range(4)
            )
            if has_congress
            else []
        )
        county_cons = Constituency.objects.bulk_create(
            Constituency(
                body=body,
                name=f"{short}第{k + 1}选区",
                township=township,
                places="\n".join(places[k * 3 : (k + 1) * 3]),
                seats=rng.choice((5, 5, 6, 6) if has_congress else (5, 6, 6, 7)),
            )
            for k in range(len(places) // 3 - (1 if has_congress else 0))
        )
        town_cons = (
            Constituency.objects.bulk_create(
                Constituency(
                    body=township,
                    name=f"{place}选区",
                    township=township,
                    places=place,
                    seats=rng.choice((8, 9, 10, 11, 12)),
                )
                for place in places
            )
            if has_congress
            else []
        )
        # Township seats a county deputy also fills (dual mandates), by township constituency index.
        dual: dict[int, list[Person]] = {}
        for k, con in enumerate(county_cons):
            for s in range(con.seats):
                place = places[k * 3 + s % 3]
                link = ti == 0 and k == 0 and s == 0 and deputy_account is not None
                person = people.make(
                    county_level=True,
                    township=short,
                    place=place,
                    name=deputy_account.full_name if link else "",
                )
                if link:
                    person.user, linked_person = deputy_account, person
                m = Mandate(
                    person=person,
                    body=body,
                    level=body.level,
                    term=cterm,
                    constituency=con,
                    delegation=delegation,
                    group=cgroup,
                    start_date=COUNTY_START,
                    card_number=f"QS18-{len(mandates) + 1:04d}",
                    re_elected=rng.random() < 0.35,
                )
                mandates.append(m)
                if rng.random() < 0.6:
                    extra_groups.append((m, rng.choice(prof_groups)))
                if person is linked_person or rng.random() < 0.22:
                    dual.setdefault(k * 3 + s % 3, []).append(person)
        for k, con in enumerate(town_cons):
            holders = dual.get(k, [])
            for s in range(con.seats):
                person = (
                    holders[s]
                    if s < len(holders)
                    else people.make(county_level=False, township=short, place=places[k])
                )
                mandates.append(
                    Mandate(
                        person=person,
                        body=township,
                        level=township.level,
                        term=tterms[township.pk],
                        constituency=con,
                        group=tgroups[k % 4],
                        start_date=TOWNSHIP_START,
                        card_number=f"{short[:2]}18-{s + 1 + k * 20:03d}",
                        re_elected=rng.random() < 0.3,
                    )
                )

    for p in people.persons:
        p.fill_derived()
    Person.objects.bulk_create(people.persons, batch_size=500)
    for m in mandates:
        m.person_id = m.person.pk
    Mandate.objects.bulk_create(mandates, batch_size=500)
    Mandate.professional_groups.through.objects.bulk_create(
        Mandate.professional_groups.through(mandate_id=m.pk, professionalgroup_id=g.pk)
        for m, g in extra_groups
    )
    MandateChange.objects.bulk_create(
        (
            MandateChange(
                mandate=m,
                kind=ChangeKind.ELECTED,
                date=m.start_date,
                reason="选举产生",
                after={"status": "active", "end_date": None, "constituency_id": m.constituency_id},
            )
            for m in mandates
        ),
        batch_size=500,
    )
    _accounts(mandates, body)
    _stations(county, mandates, rng)
    _changes(county, mandates, people, rng)


def _accounts(mandates: list[Mandate], county_body) -> None:
    """Accounts for county deputies (for co-signing suggestions in the demo); one hash for all."""
    password = make_password(core_demo.DEMO_PASSWORD)
    persons = [m.person for m in mandates if m.body_id == county_body.pk and m.person.user_id is None]
    users = [
        User(username=f"dep{i:03d}", full_name=p.name, role=Role.DEPUTY, body=county_body, password=password)
        for i, p in enumerate(persons, start=1)
    ]
    User.objects.bulk_create(users, batch_size=500)
    for p, u in zip(persons, users, strict=True):
        p.user_id = u.pk
    Person.objects.bulk_update(persons, ["user"], batch_size=500)


def _stations(county: core_demo.DemoCounty, mandates: list[Mandate], rng: Random) -> None:
    keeper = county.accounts.get("keeper")
    by_township: dict[int, list[int]] = {}
    for m in mandates:
        by_township.setdefault(m.constituency.township_id, []).append(m.pk)
    streets = ("人民路", "解放路", "建设路", "文化路", "胜利路", "朝阳路")
    stations = []
    for i, t in enumerate(county.townships):
        short = t.short_name or t.name[:3]
        stations.append(
            Station(
                body=t,
                name=f"{short}人大代表联络站",
                kind=StationKind.STATION,
                address=f"{county.county.region_name}{short}{streets[i % len(streets)]}{rng.randrange(1, 99)}号",
                latitude=round(29.60 + rng.random() * 0.3, 6),
                longitude=round(115.70 + rng.random() * 0.4, 6),
                opening_hours="每月15日上午9:00–12:00为选民接待日；工作日8:30–17:30可来站反映意见",
                phone=f"0792-{rng.randrange(2000000, 2999999)}",
                keeper=keeper if i == 0 else None,
            )
        )
    stations.append(
        Station(
            body=county.county,
            name="青山县人大代表之家",
            kind=StationKind.HOUSE,
            address=f"{county.county.region_name}城关镇人民路1号县人大常委会一楼",
            opening_hours="工作日8:30–17:30",
            phone="0792-2100001",
        )
    )
    stations.append(
        Station(
            body=county.county,
            name="青山县网上代表联络站",
            kind=StationKind.ONLINE,
            opening_hours="全天受理，工作日答复",
        )
    )
    Station.objects.bulk_create(stations)
    through = Station.members.through
    rows = []
    for i, t in enumerate(county.townships):
        rows += [through(station_id=stations[i].pk, mandate_id=pk) for pk in by_township.get(t.pk, [])]
    rows += [
        through(station_id=stations[-2].pk, mandate_id=m.pk)
        for m in mandates
        if m.body_id == county.county.pk and rng.random() < 0.15
    ]
    through.objects.bulk_create(rows, batch_size=1000)


def _changes(county: core_demo.DemoCounty, mandates: list[Mandate], people: _People, rng: Random) -> None:
    """A few changes of mandate through the services, as staff would record them."""
    staff = county.accounts.get("staff")
    body = county.county
    county_mandates = [
        m
        for m in mandates
        if m.body_id == body.pk and m.person.user_id != getattr(county.accounts.get("deputy"), "pk", None)
    ]
    picks = rng.sample(county_mandates, 6)
    services.end_mandate(
        picks[0],
        kind=ChangeKind.RESIGNED,
        on=date(2023, 3, 15),
        reason="工作调动离开本县，本人书面提出辞职",
        by=staff,
        document="青人常〔2023〕5号",
    )
    services.end_mandate(picks[1], kind=ChangeKind.DECEASED, on=date(2024, 7, 2), reason="因病去世", by=staff)
    services.end_mandate(
        picks[2],
        kind=ChangeKind.TERMINATED,
        on=date(2025, 4, 28),
        reason="未经批准两次不出席本级人民代表大会会议",
        by=staff,
        document="青人常〔2025〕12号",
    )
    services.suspend_mandate(picks[3], on=date(2025, 9, 1), reason="因涉嫌违法被采取强制措施", by=staff)
    services.suspend_mandate(picks[4], on=date(2024, 2, 1), reason="因涉嫌违法被采取强制措施", by=staff)
    services.restore_mandate(picks[4], on=date(2024, 8, 20), reason="暂停执行代表职务的情形消失", by=staff)
    other = Constituency.objects.filter(body=body).exclude(pk=picks[5].constituency_id).first()
    services.move_constituency(
        picks[5], constituency=other, on=date(2024, 1, 1), reason="行政区划调整", by=staff
    )
    for ended, on in ((picks[0], date(2023, 11, 20)), (picks[1], date(2025, 3, 10))):
        con = ended.constituency
        person = people.make(county_level=True, township=con.township.short_name, place=con.place_list[0])
        services.save_person(person, by=staff)
        services.elect(
            person,
            term=ended.term,
            on=on,
            by=staff,
            kind=ChangeKind.BY_ELECTION,
            reason=f"{con.name}补选",
            constituency=con,
            delegation=ended.delegation,
            group=ended.group,
            card_number=f"QS18-B{on:%y%m}",
        )
