"""Browser journeys in real Chromium: sign in as each role, pages pass axe-core (WCAG 2.1 AA), load nothing
from another host, and look right on a 1366×768 screen and a 390×844 phone (screenshots in var/screens)."""

from pathlib import Path

import pytest

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screens"


def _check(page, server, path, name):
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    assert axe_violations(page) == [], path
    assert page.foreign == [], page.foreign


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_public_portal_and_login(page_for, server, phone):
    page = page_for(phone=phone)
    _check(page, server, "/", f"portal{'_phone' if phone else ''}")
    _check(page, server, "/work/accounts/login/", f"login{'_phone' if phone else ''}")


def test_wrong_password_shows_a_clear_message(page_for, server):
    page = page_for()
    page.goto(server + "/work/accounts/login/")
    page.fill("input[name=username]", "staff")
    page.fill("input[name=password]", "not-the-password")
    page.click("button[type=submit]")
    assert "用户名或密码错误" in page.inner_text("main")


@pytest.mark.parametrize(
    "user,paths",
    [
        ("staff", ["/work/", "/work/units/", "/work/bodies/"]),
        ("sysadmin", ["/work/", "/work/admin/calendar/", "/work/admin/calendar/2026/", "/work/admin/users/"]),
        ("auditor", ["/work/admin/audit/"]),
        ("secadmin", ["/work/admin/lockouts/"]),
    ],
)
def test_role_pages_pass_axe(page_for, server, user, paths):
    page = page_for(user)
    for path in paths:
        _check(page, server, path, f"{user}{path.replace('/', '_')}")


def test_staff_home_on_a_phone_has_a_working_menu(page_for, server):
    page = page_for("staff", phone=True)
    page.goto(server + "/work/")
    page.click(".navbar-toggler")
    page.wait_for_selector("#navbar-menu.show")
    assert page.is_visible("text=社情民意")
    page.click("text=更多")  # the entries past the first eight open from 更多
    page.wait_for_selector("#navbar-more.show")
    assert page.is_visible("text=承办单位")
    _check(page, server, "/work/", "staff_home_phone")
