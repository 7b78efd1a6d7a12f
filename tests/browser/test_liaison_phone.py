"""The deputy's phone screen in a real browser (issue 20: training sign-in on the phone, attendance into the
duty file): the demo course whose sign-in is open, signed in with one tap, shown as signed in; the page loads
nothing from another host and passes axe-core."""

import pytest

from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_a_deputy_signs_in_to_a_course_on_the_phone(page_for, server):
    page = page_for("deputy", phone=True)
    page.goto(server + "/work/liaison/my/")
    assert axe_violations(page) == []
    card = page.locator(".list-group-item", has_text="民生实事项目票决制专题培训")
    card.locator("button", has_text="签到").click()
    page.wait_for_load_state("networkidle")
    assert "签到成功" in page.content()
    assert (
        page.locator(".list-group-item", has_text="民生实事项目票决制专题培训").locator("text=已签到").count()
        == 1
    )
    page.goto(server + "/work/duties/mine/")
    assert "参加培训：民生实事项目票决制专题培训" in page.content()
    assert page.foreign == []
