"""Home pages per role, health check, demo data (issue 4 "UI", "Demo data")."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from renda.core.models import Body, Unit, User
from renda.notify import services as notify

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "who",
    [
        "staff",
        "leader",
        "deputy_user",
        "unit_user",
        "unit_head",
        "township_staff",
        "system_admin",
        "security_admin",
        "audit_admin",
    ],
)
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
        "staff",
        "leader",
        "deputy",
        "unit_handler",
        "unit_head",
        "station_keeper",
        "system_admin",
        "security_admin",
        "audit_admin",
    }
    call_command("demo")
    assert (Body.objects.count(), Unit.objects.count(), User.objects.count()) == counts
    assert "未重复加载" in capsys.readouterr().out
    # The demo deputy's motion that was not filed, so the reconsideration panel (domain.md §1.4) can be tried.
    from renda.suggestions.models import Kind, State, Suggestion

    motion = Suggestion.objects.get(
        kind=Kind.MOTION, state=State.MOTION_REJECTED, lead__person__user__username="deputy"
    )
    c = Client()
    c.force_login(User.objects.get(username="deputy"))
    page = c.get(f"/work/suggestions/{motion.pk}/").content.decode()
    assert "申请复议" in page and "不予立案" in page


def test_portal_home_is_public(county):
    r = Client().get("/")
    assert r.status_code == 200 and "找到您的人大代表" in r.content.decode()


def test_healthz_with_redis_reports_the_real_cache_and_queue(tmp_path):
    # Production uses Redis for the cache and the Huey queue; check against the real server on loopback.
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import django, json; django.setup(); from django.test import Client; "
        "print(json.dumps(Client().get('/healthz').json()))"
    )
    env = {
        **os.environ,
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "RENDA_VAR_DIR": str(tmp_path),
        "SECRET_KEY": "k" * 50,
        "DJANGO_SETTINGS_MODULE": "renda.settings",
        "RENDA_HTTPS": "0",
        "ALLOWED_HOSTS": "testserver",
    }
    env.pop("RENDA_TESTING", None)
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    data = json.loads(out.stdout.strip().splitlines()[-1])
    assert data["checks"]["cache"] == data["checks"]["cache"] | {
        "ok": True,
        "backend": "SharedClientRedisCache",
    }
    assert data["checks"]["task_queue"]["ok"] and data["checks"]["task_queue"]["backend"] == "RedisHuey"


# Issue 14: every irreversible step asks first. The prompt sits on the submitting button or on its form
# (renda/static/renda/app.js reads the button first). A new final button without a prompt fails here.
FINAL_WORDS = re.compile(
    r"公布|冻结|考勤|删除|办结|终止|签发|撤回|撤下|交办|不予受理|停用|导入|确认取消|当选|到会|登记<|不批准|批准<"
)
BUTTON = re.compile(r"<button\b([^>]*)>(.*?)</button>", re.S)


def _final_buttons_without_prompt():
    root = Path(__file__).resolve().parents[2] / "renda"
    missing = []
    for path in sorted(root.glob("**/templates/**/*.html")):
        text = path.read_text()
        for m in BUTTON.finditer(text):
            attrs, label = m.groups()
            if 'type="button"' in attrs or not FINAL_WORDS.search(label + "<"):
                continue
            form_start = text.rfind("<form", 0, m.start())
            form_tag = text[form_start : text.find(">", form_start) + 1] if form_start >= 0 else ""
            if 'method="get"' in form_tag:
                continue
            if "data-confirm=" not in attrs and "data-confirm=" not in form_tag:
                missing.append(f"{path.relative_to(root)}: {label.strip()[:40]}")
    return missing


def test_every_irreversible_button_asks_in_chinese_first():
    assert _final_buttons_without_prompt() == []


def test_the_prompt_script_reads_the_button_that_submits():
    script = (Path(__file__).resolve().parents[2] / "renda/static/renda/app.js").read_text()
    assert "event.submitter" in script and "htmx:confirm" in script


# Issue 14: every error page is Chinese, in the site layout, phone-sized, with a way back (DEBUG is off here).
def _is_site_error_page(r, title: str) -> str:
    page = r.content.decode()
    assert title in page and 'lang="zh-CN"' in page
    assert 'name="viewport" content="width=device-width' in page and "renda/app.css" in page  # the layout
    assert "返回首页" in page and "返回上一页" in page and "Not Found" not in page
    return page


@pytest.mark.parametrize("code,title", [(400, "请求有误"), (403, "无权访问"), (500, "系统暂时出错")])
def test_error_pages_are_chinese_in_the_layout(settings, login, staff, code, title):
    settings.ROOT_URLCONF = "tests.core.error_urls"
    assert not settings.DEBUG
    client = login(staff)
    client.raise_request_exception = False
    r = client.get(f"/boom/{code}/")
    assert r.status_code == code
    _is_site_error_page(r, title)


def test_unknown_page_is_a_chinese_404_with_the_way_home(login, staff):
    r = Client().get("/no-such-page/")
    assert r.status_code == 404
    assert 'href="/"' in _is_site_error_page(r, "页面不存在")
    r = login(staff).get("/work/suggestions/999999/")
    assert r.status_code == 404
    assert 'href="/work/"' in _is_site_error_page(r, "页面不存在")


def test_csrf_failure_page_says_the_form_expired(db):
    r = Client(enforce_csrf_checks=True).post("/work/accounts/login/", {"username": "x", "password": "y"})
    assert r.status_code == 403
    _is_site_error_page(r, "页面已过期")


def test_500_page_needs_no_database_and_no_context_processor(rf, monkeypatch):
    """The database may be what failed: no django_db mark here, so any query would raise."""
    from django.urls import get_resolver

    def broken(request):
        raise RuntimeError("context processor failed")

    monkeypatch.setattr("renda.core.context_processors.layout", broken)
    r = get_resolver().resolve_error_handler(500)(rf.get("/work/"))
    assert r.status_code == 500
    assert "系统暂时出错" in r.content.decode() and "返回首页" in r.content.decode()
