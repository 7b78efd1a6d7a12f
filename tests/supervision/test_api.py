"""The supervision API in the house style (domain.md §5): scoped lists, transitions refused with 409."""

from datetime import date

from renda.supervision import services
from renda.supervision.models import Line, Month


def test_items_and_opinion_transitions(login, report_item, unit, staff, outsider):
    c = login(staff)
    body = c.get("/api/v1/supervision/items?year=2026").json()
    assert body["count"] == 1 and body["items"][0]["final_due"] == "2026-06-16"
    o = services.opinions.draft(report_item, text="意见", unit=unit, by=staff)
    r = c.post(f"/api/v1/supervision/opinions/{o.pk}/transitions/send", {}, content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "sent"
    r = c.post(
        f"/api/v1/supervision/opinions/{o.pk}/transitions/evaluate",
        {"grade": "satisfied", "source": "x"},
        content_type="application/json",
    )
    assert r.status_code == 409 and r.json()["code"] == "transition_not_allowed"
    # another township's staff sees nothing of the county's items
    assert login(outsider).get("/api/v1/supervision/items").json()["count"] == 0


def test_warnings_list_cites_rule_and_version(login, standing_committee, unit, staff):
    ln = Line.objects.create(
        body=standing_committee, year=2026, unit=unit, code="S", name="慢", category="basic", budget=1200
    )
    Month.objects.bulk_create([Month(line=ln, month=m, amount=1) for m in range(1, 13)])
    services.budget.run(standing_committee, 2026, as_of=6, by=staff, today=date(2026, 7, 1))
    items = login(staff).get("/api/v1/supervision/budget/warnings?rule=B14").json()["items"]
    assert items[0]["ruleset_version"] == 1 and "renda 默认" in items[0]["article"]


def test_public_plan_needs_no_login(client, plan, report_item, staff):
    assert client.get("/api/v1/public/supervision/items").json()["count"] == 0
    services.plan.publish_plan(plan, by=staff)
    assert client.get("/api/v1/public/supervision/items").json()["count"] == 1


def test_matters_projects_and_cases_in_the_api(login, standing_committee, staff, unit, outsider):
    from decimal import Decimal

    from renda.supervision.models import Project
    from renda.supervision.services.cases import Row

    m = services.create.matter(
        standing_committee, title="事项", proposer="县政府", proposed_on=date(2026, 3, 1), by=staff
    )
    services.matters.deliberate(m, by=staff)
    Project.objects.create(body=standing_committee, year=2026, title="项目", unit=unit, budget=Decimal(1))
    services.cases.save_review(
        None,
        body=standing_committee,
        year=2026,
        unit=unit,
        cases=10,
        total_cases=100,
        case_numbers="",
        reviewers="评查组",
        rows=[Row("事实认定", "50", "45"), Row("法律适用", "50", "40")],
        flawed=1,
        findings="",
        opinion_text="意见一\n意见二",
        by=staff,
    )
    c = login(staff)
    assert c.get("/api/v1/supervision/matters?status=deliberating").json()["items"][0]["title"] == "事项"
    assert c.get("/api/v1/supervision/matters?status=closed").json()["count"] == 0
    assert c.get("/api/v1/supervision/matters?status=bogus").status_code == 422
    assert c.get("/api/v1/supervision/projects?year=2026").json()["items"][0]["rating"] == ""
    case = c.get("/api/v1/supervision/cases?year=2026").json()["items"][0]
    assert case["score"] in ("85.00", 85.0, "85") and case["opinions"] == ["意见一", "意见二"]
    assert login(outsider).get("/api/v1/supervision/cases").json()["count"] == 0
