"""A generated national-size roster (issue 14; domain.md §6): ~3,000 seats in 35 delegations, no ID
numbers, dozens of same-name pairs in one delegation, partial birth dates and blanks — imported twice."""

import time
from random import Random

import pytest
from django.test import Client

from renda.deputies import importing
from renda.deputies.models import Delegation, Mandate, Person
from tests.deputies.popolo_check import validate

# ~5 s: bulk writes and one matching pass; its own xdist group so it never queues behind others.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("deputies-national-roster")]

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国红梅玉兰志强海燕春梅"
PARTIES = ["中共党员"] * 14 + ["民盟", "民建", "九三学社", "无党派人士", "群众", "无", ""]


def _birth(rng: Random) -> str:
    y, m, d = rng.randint(1955, 1990), rng.randint(1, 12), rng.randint(1, 28)
    return rng.choice([f"{y}-{m:02d}-{d:02d}", f"{y}年{m}月", f"{y}年", f"{y}.{m}", f"{y}-{m:02d}", "", ""])


def national_roster(n: int = 3000, pairs: int = 40) -> list[dict]:
    rng = Random(14)
    rows = []
    for i in range(n - 2 * pairs):
        rows.append(
            {
                "姓名": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(["", *GIVEN]),
                "性别": rng.choice("男男女"),
                "民族": rng.choice(["汉族"] * 9 + ["回族", "藏族", "壮族"]),
                "出生日期": _birth(rng),
                "政治面貌": rng.choice(PARTIES),
                "工作单位及职务": rng.choice(["", f"第{i % 97}单位职员"]),
                "届次": "18",
                "代表团": f"第{i % 35}代表团",
                "当选日期": "2021-10-20",
            }
        )
    for k in range(pairs):  # the same name twice in one delegation, nothing else to tell them apart
        name = SURNAMES[k % len(SURNAMES)] + "同名" + GIVEN[k % len(GIVEN)]
        for party in ("中共党员", ""):
            rows.append(
                {
                    "姓名": name,
                    "性别": "男",
                    "民族": "汉族",
                    "出生日期": "",
                    "政治面貌": party,
                    "届次": "18",
                    "代表团": "第0代表团",
                    "当选日期": "2021-10-20",
                }
            )
    rng.shuffle(rows)
    return rows


def test_national_roster_imports_all_new_then_nothing_new_and_no_seat_is_lost(county, county_term):
    Delegation.objects.bulk_create(Delegation(body=county, name=f"第{i}代表团") for i in range(35))
    rows = national_roster()
    started = time.monotonic()
    first = importing.import_rows(rows, body=county, by=None)
    assert first.report.error_count == 0 and not first.report.ambiguous
    assert (first.counts.created, first.counts.persons_created) == (3000, 3000)
    assert len(first.report.pairs) >= 40  # listed for the staff; imported as two seats each
    assert Mandate.objects.filter(body=county).count() == 3000
    assert Person.objects.filter(birth_precision="year").exists() and Person.objects.filter(party="").exists()

    again = importing.import_rows(rows, body=county, by=None)
    c = again.counts
    assert (c.created, c.updated, c.unchanged, c.persons_created) == (
        0,
        0,
        3000,
        0,
    )  # "0 new, 3000 unchanged"
    assert not again.report.ambiguous and not again.report.pairs
    assert Mandate.objects.filter(body=county).count() == Person.objects.count() == 3000

    ids = validate(Client().get("/api/v1/popolo.json", {"body": county.pk}).json())
    assert len(ids["memberships"]) == 3000 and len(ids["events"]) == 1
    assert time.monotonic() - started < 20
