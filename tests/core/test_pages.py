"""Home pages per role, health check, demo data (issue 4 "UI", "Demo data")."""

import pytest
from django.core.management import call_command
from django.test import Client

from renda.core.models import Body, Unit, User
from renda.notify import services as notify

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["staff", "leader", "deputy_user", "unit_user", "unit_head", "township_staff",
                                 "system_admin", "security_admin", "audit_admin"])
def test_every_role_has_a_home_page(request, login, who):
    user = request.getfixturevalue(who)
    r = login(user).get("/work/")
    assert r.status_code == 200
    assert user.full_name in r.content.decode()


def test_home_lists_what_waits_and_shows_an_empty_state(login, deputy_user):
    c = login(deputy_user)
    assert "暂无待办事项" in c.get("/work/").content.decode()
    notify.send(deputy_user, title="请对答复进行评价")
    page = c.get("/work/").content.decode()
    assert "未读通知" in page and "暂无待办事项" not in page


def test_healthz_reports_database_cache_and_queue():
    r = Client().get("/healthz")
    data = r.json()
    assert r.status_code == 200 and data["status"] == "ok"
    assert set(data["checks"]) == {"database", "cache", "task_queue"}
    assert all(c["ok"] for c in data["checks"].values())


def test_demo_loads_a_county_once(capsys):
    call_command("demo")
    counts = (Body.objects.count(), Unit.objects.count(), User.objects.count())
    assert Body.objects.filter(level="township").count() == 12
    assert Body.objects.filter(kind="special_committee").count() == 3
    assert Unit.objects.count() == 30
    assert set(User.objects.values_list("role", flat=True)) >= {
        "staff", "leader", "deputy", "unit_handler", "unit_head", "station_keeper",
        "system_admin", "security_admin", "audit_admin"}
    call_command("demo")
    assert (Body.objects.count(), Unit.objects.count(), User.objects.count()) == counts
    assert "未重复加载" in capsys.readouterr().out


def test_portal_home_is_public(county):
    r = Client().get("/")
    assert r.status_code == 200 and "找到您的人大代表" in r.content.decode()
