"""年度代表活动计划 (seeds 004: 活动安排要提前告知代表): deputies told N days ahead (policy, domain.md §4: 3 days),
once, through notify.send with a dedupe key; the execution at year end."""

import datetime as dt

import pytest
from django.utils import timezone

from renda.core.errors import Refused
from renda.liaison import services
from renda.liaison.models import LiaisonPolicy
from renda.liaison.selectors.plans import execution
from renda.notify.models import Notification


@pytest.fixture
def plan(staff, standing_committee):
    return services.create_plan(body=standing_committee, year=timezone.localdate().year, by=staff)


def _on(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def test_deputies_are_told_three_days_ahead_once(staff, plan, deputy_user, own_mandate):
    # domain.md §4: notice 3 days ahead (the default of LiaisonPolicy.notice_days)
    today = timezone.localdate()
    start = dt.date(today.year, 12, 20)
    act = services.add_activity(
        plan, kind="inspection", title="视察农村饮水安全", start=start, mandates=[own_mandate], by=staff
    )
    assert services.notify_due(on=start - dt.timedelta(days=4)) == 0
    assert services.notify_due(on=start - dt.timedelta(days=3)) == 1
    assert services.notify_due(on=start - dt.timedelta(days=2)) == 0  # safe to run twice
    note = Notification.objects.get(user=deputy_user)
    assert "视察农村饮水安全" in note.title and note.dedupe_key == f"liaison:plan:{act.pk}"


def test_the_notice_period_is_policy_data(staff, plan, standing_committee, deputy_user, own_mandate):
    LiaisonPolicy.objects.create(body=standing_committee, notice_days=7)
    start = dt.date(timezone.localdate().year, 12, 28)
    services.add_activity(plan, kind="research", title="调研", start=start, mandates=[own_mandate], by=staff)
    assert services.notify_due(on=start - dt.timedelta(days=7)) == 1


def test_an_activity_outside_the_plans_year_is_refused(staff, plan, own_mandate):
    with pytest.raises(Refused) as exc:
        services.add_activity(
            plan, kind="training", title="培训", start=dt.date(plan.year + 1, 1, 5), by=staff
        )
    assert exc.value.code == "date_outside_year"
    assert not plan.activities.exists()


def test_the_year_end_execution_and_close(staff, plan, own_mandate):
    y = plan.year
    a = services.add_activity(plan, kind="inspection", title="视察", start=dt.date(y, 1, 10), by=staff)
    b = services.add_activity(plan, kind="reception", title="接待选民", start=dt.date(y, 2, 15), by=staff)
    services.add_activity(plan, kind="training", title="培训", start=dt.date(y, 12, 30), by=staff)
    services.record_outcome(a, state="held", outcome="12 名代表参加", by=staff)
    with pytest.raises(Refused) as exc:
        services.close_plan(plan, summary="全年完成", by=staff)
    assert exc.value.code == "outcomes_missing"
    services.record_outcome(b, state="cancelled", outcome="因汛期取消", by=staff)
    ex = execution(plan)
    assert (ex["all"], ex["total"]["held"], ex["total"]["cancelled"], ex["rate"]) == (3, 1, 1, "33%")
    services.close_plan(plan, summary="全年完成计划活动", by=staff)
    plan.refresh_from_db()
    assert plan.closed_on == timezone.localdate()


def test_staff_set_the_notice_days_on_the_policy_page(login, staff, standing_committee):
    # house-style: jurisdiction numbers are policy data, editable by staff, with their source shown
    client = login(staff)
    page = client.get("/work/liaison/policy/").content.decode()
    assert "默认值" in page and "domain.md §4" in page
    bad = client.post(
        "/work/liaison/policy/",
        {"notice_days": 99, "signin_open_minutes": 30, "sitting_seats": 3, "min_station_area": 100},
    )
    assert bad.status_code == 422 and not LiaisonPolicy.objects.exists()
    client.post(
        "/work/liaison/policy/",
        {"notice_days": 5, "signin_open_minutes": 30, "sitting_seats": 3, "min_station_area": 100},
    )
    assert services.policy_for(standing_committee).notice_days == 5
