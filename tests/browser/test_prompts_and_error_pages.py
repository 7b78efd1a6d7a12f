"""Real Chromium: irreversible steps ask first (a dismissed prompt sends nothing, an accepted one goes through),
and error pages are Chinese, in the site layout, sized for a 390×844 phone, with a way back (issue 14)."""

from pathlib import Path

import pytest

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screens"


def _published(page) -> str:
    line = page.locator("form[action$='/rankings/publish/'] div:has-text('已公布：')")
    return line.last.inner_text() if line.count() else ""


def _publish_q1(page):
    page.select_option("#pub-period", "Q1")
    page.click("button:has-text('公布')")


def test_dismissed_publish_prompt_freezes_nothing_and_accepted_one_publishes(page_for, server):
    page = page_for("staff")
    page.goto(server + "/work/duties/rankings/")
    published = _published(page)
    posts, asked = [], []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)

    def dismiss(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    _publish_q1(page)
    page.wait_for_timeout(500)
    assert asked == ["公布后该期间积分将冻结，确定公布？"]
    assert posts == []
    page.reload()
    assert _published(page) == published

    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        _publish_q1(page)
    assert any(url.endswith("/work/duties/rankings/publish/") for url in posts)
    assert "已公布" in page.inner_text(".alert")
    assert "第1季度" in _published(page) and "第1季度" not in published


@pytest.mark.parametrize("user", [None, "staff"], ids=["visitor", "staff"])
def test_404_page_fits_a_phone_and_leads_back(page_for, server, user):
    page = page_for(user, phone=True)
    page.goto(server + "/work/")
    response = page.goto(server + "/no-such-page/")
    assert response.status == 404
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"error_404_{user or 'visitor'}_phone.png"), full_page=True)
    assert "页面不存在" in page.inner_text("main")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    assert axe_violations(page) == []
    assert page.foreign == []
    page.click("text=返回上一页")
    page.wait_for_load_state()
    assert page.url.rstrip("/").endswith("/work") or "/login/" in page.url


@pytest.mark.parametrize(
    "markup",
    [
        '<button id="t" hx-post="/healthz" data-confirm="确定执行？">执行</button>',
        '<form hx-post="/healthz"><button id="t" type="submit" data-confirm="确定执行？">执行</button></form>',
    ],
    ids=["hx-button", "hx-form"],
)
def test_htmx_actions_ask_through_the_same_attribute(page_for, server, markup):
    page = page_for("staff")
    page.goto(server + "/work/")
    page.evaluate(
        "(html) => { const box = document.createElement('div'); box.innerHTML = html;"
        " document.querySelector('main').append(box); htmx.process(box); }",
        markup,
    )
    sent, asked = [], []
    page.on("request", lambda r: sent.append(r.url) if r.url.endswith("/healthz") else None)
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.click("#t")
    page.wait_for_timeout(500)
    assert asked == ["确定执行？"] and sent == []
    page.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    with page.expect_request("**/healthz"):
        page.click("#t")
    assert len(asked) == 2  # asked once per click, never twice
