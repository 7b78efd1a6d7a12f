"""Every query parameter of the contact pages is parsed or ignored, never a 500 (issue 14 "Found by black-box
checks"; design.md house rule 5). The fast contact-only companion of tests/core/test_query_params.py."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

HOSTILE = ["x", "-1", "0", "99999999999999999999", "²", "'", "\x00", "2026-13-45", "9999-12-31", "x" * 3000]
PAGES = [
    ("staff", "/work/contact/", ["status", "category", "q", "page"]),
    ("staff", "/work/contact/export.xlsx", ["status", "category", "q"]),
    ("staff", "/work/contact/overdue/", ["page"]),
    ("deputy_user", "/work/contact/mine/", ["status", "category", "q", "page"]),
    ("unit_user", "/work/contact/unit/", ["page"]),
    ("staff", "/work/contact/rates/", ["group", "month", "start", "end"]),
    ("staff", "/work/contact/rates.xlsx", ["group", "month", "start", "end"]),
    ("staff", "/work/contact/stats/", ["month", "station"]),
    ("keeper", "/work/contact/receptions/", ["page"]),
    ("deputy_user", "/work/contact/schedule/", ["page"]),
    (None, "/messages/", ["station", "deputy", "via"]),
    (None, "/messages/receptions/", ["station"]),
    (None, "/messages/track/", ["code"]),
]


@pytest.mark.parametrize(("who", "path", "params"), PAGES, ids=[p for _, p, _ in PAGES])
def test_hostile_values_are_ignored_or_refused_never_500(request, login, make_message, who, path, params):
    make_message()
    c = login(request.getfixturevalue(who)) if who else Client()
    for value in HOSTILE:
        for name in params:
            r = c.get(path, {name: value})
            assert r.status_code < 500, (name, value, r.status_code)
        r = c.get(path, dict.fromkeys(params, value))
        assert r.status_code < 500, ("all", value, r.status_code)


def test_a_bad_period_falls_back_to_this_month(login, staff):
    from django.utils import timezone

    today = timezone.localdate()
    page = login(staff).get("/work/contact/rates/", {"start": "9999-12-31", "end": "9999-12-31"})
    assert page.status_code == 200 and f"{today.year}年{today.month}月" in page.content.decode()
