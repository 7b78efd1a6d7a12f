"""The duty file's year table (domain.md §3.2 sections 1–8, §3.3 "五个一"): each year its own score, band and
minimums; a suggestion or a declared visit is not labelled 出席."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from renda.duties import services
from renda.duties.services import duty_file
from tests.factories.duties import DutyRecordFactory, dtype


def test_each_year_shows_its_own_score_and_band(own_mandate, login, deputy_user):
    this_year = timezone.localdate().year
    rs_2024, _ = services.ruleset_for(own_mandate.body, 2024), services.ruleset_for(own_mandate.body, 2025)
    rs_2024.base_score = Decimal(60)
    rs_2024.save()
    for i in range(2):
        DutyRecordFactory(mandate=own_mandate, on=dt.date(2024, 3, 1 + i))
    DutyRecordFactory(mandate=own_mandate, on=dt.date(2025, 3, 1))
    DutyRecordFactory(
        mandate=own_mandate, duty_type=dtype(own_mandate.body, "training"), on=dt.date(this_year, 1, 2)
    )
    years = {y["year"]: y for y in duty_file.build(own_mandate.pk).years}
    assert years[2024]["total"] == 66 and years[2024]["band"] == "较好" and years[2024]["acts"] == 2
    assert years[2025]["total"] == 3 and years[2025]["band"] == "较差" and years[2025]["acts"] == 1
    assert years[this_year]["total"] == 5
    page = login(deputy_user).get(f"/work/duties/file/{own_mandate.pk}/").content.decode()
    assert "66.00" in page and '<td>2025</td><td class="text-end">3.00</td>' in page


def test_suggestions_and_declared_acts_are_not_labelled_attended(own_mandate, login, deputy_user):
    DutyRecordFactory(
        mandate=own_mandate,
        duty_type=dtype(own_mandate.body, "suggestion"),
        source="automatic",
        title="关于修缮城南小学的建议",
    )
    DutyRecordFactory(
        mandate=own_mandate,
        duty_type=dtype(own_mandate.body, "voter_contact"),
        source="declared",
        title="走访联系户",
    )
    f = duty_file.build(own_mandate.pk)
    rows = [r for s in f.sections if s.key not in ("basic", "awards") for r in s.rows]
    assert {r.title: r.situation for r in rows} == {
        "关于修缮城南小学的建议": "已提出",
        "走访联系户": "已完成",
    }
    page = login(deputy_user).get(f"/work/duties/file/{own_mandate.pk}/").content.decode()
    row = page[page.index("关于修缮城南小学的建议") :][:80]
    assert "出席" not in row and "已提出" in row


def test_five_minimums_are_all_shown_for_each_year(own_mandate, login, deputy_user):
    # domain.md §3.3 Xiangzhou "五个一", the yearly report to voters included.
    DutyRecordFactory(mandate=own_mandate, on=dt.date(2025, 3, 1))
    [y2025] = [y for y in duty_file.build(own_mandate.pk).years if y["year"] == 2025]
    assert [q["label"] for q in y2025["minimums"]] == [
        "一次监督活动",
        "一条建议",
        "一次走访选民",
        "一次向选民述职",
        "一篇宣传文章",
    ]
    assert [q["met"] for q in y2025["minimums"]] == [True, False, False, False, False]
    page = login(deputy_user).get(f"/work/duties/file/{own_mandate.pk}/").content.decode()
    assert page.count('class="duties-minimum"') >= 5 and "一次向选民述职（0/1）" in page


def test_the_demo_keeps_all_five_minimums():
    import inspect

    from renda.duties import demo

    # The demo once deleted 一次向选民述职 from every rule set it made.
    assert ".delete()" not in inspect.getsource(demo.load)
