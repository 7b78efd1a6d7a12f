"""The supervision screens open for staff and leaders, refuse admins and outsiders' items (domain.md §5)."""

import pytest

from renda.supervision import services
from renda.supervision.models import Hearing, Opinion

PAGES = [
    "/work/supervision/",
    "/work/supervision/plans/",
    "/work/supervision/opinions/",
    "/work/supervision/followups/",
    "/work/supervision/budget/warnings/",
    "/work/supervision/budget/",
    "/work/supervision/budget/rules/",
    "/work/supervision/budget/import/",
    "/work/supervision/appraisals/",
    "/work/supervision/hearings/",
    "/work/supervision/inspections/",
    "/work/supervision/projects/",
    "/work/supervision/filings/",
    "/work/supervision/cases/",
    "/work/supervision/matters/",
    "/work/supervision/policy/",
]


@pytest.mark.parametrize("who", ["staff", "leader"])
def test_pages_open(request, login, report_item, who):
    c = login(request.getfixturevalue(who))
    for url in [
        *PAGES,
        f"/work/supervision/items/{report_item.pk}/",
        f"/work/supervision/plans/{report_item.plan_id}/",
    ]:
        assert c.get(url).status_code == 200, url


def test_admin_sees_no_supervision(login, system_admin):
    assert login(system_admin).get("/work/supervision/").status_code == 403


def test_outsider_cannot_open_the_countys_item(login, report_item, outsider):
    assert login(outsider).get(f"/work/supervision/items/{report_item.pk}/").status_code == 404


def test_opinion_with_a_poll_and_the_big_screen_render(
    login, report_item, unit, unit_user, staff, standing_committee
):
    o = services.opinions.draft(report_item, text="意见", unit=unit, by=staff)
    Opinion.objects.filter(pk=o.pk).update(poll_id=999)
    c = login(staff)
    assert c.get(f"/work/supervision/opinions/{o.pk}/").status_code == 200
    h = Hearing.objects.create(body=standing_committee, title="问政", held_on=report_item.meeting_date)
    q = services.hearing.propose(h, asker="张三", text="这是一个足够长的问题，请答复。")
    services.hearing.accept(q, unit=unit, answerer="局长", order=1, by=staff)
    services.hearing.start_question(q, by=staff)
    r = c.get(f"/work/supervision/hearings/{h.pk}/screen/")
    assert r.status_code == 200 and "这是一个足够长的问题" in r.content.decode()


def test_public_pages(client, plan, report_item, staff):
    services.plan.publish_plan(plan, by=staff)
    assert client.get("/supervision/").status_code == 200
    assert client.get(f"/supervision/plans/{plan.pk}/").status_code == 200
    assert client.get("/supervision/filings/").status_code == 200


def test_bad_budget_file_on_the_page_keeps_nothing(login, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = login(staff).post(
        "/work/supervision/budget/import/",
        {"year": "2026", "file": SimpleUploadedFile("b.csv", "部门,金额\n".encode())},
    )
    assert r.status_code == 302


def test_matter_and_case_lists_keep_their_query_count(
    login, staff, standing_committee, unit, django_assert_max_num_queries
):
    from datetime import date

    from renda.supervision.services.cases import Row

    for k in range(5):
        m = services.create.matter(
            standing_committee, title=f"事项{k}", proposer="县政府", proposed_on=date(2026, 3, 1), by=staff
        )
        services.matters.deliberate(m, by=staff)
        services.cases.save_review(
            None,
            body=standing_committee,
            year=2026,
            unit=unit,
            cases=10,
            total_cases=None,
            case_numbers="",
            reviewers="评查组",
            rows=[Row("事实认定", "100", "90")],
            flawed=0,
            findings="",
            opinion_text="",
            by=staff,
        )
    c = login(staff)
    for url in ("/work/supervision/matters/", "/work/supervision/cases/?year=2026"):
        with django_assert_max_num_queries(25):
            assert c.get(url).status_code == 200
