"""Real Chromium: closing a delegation (停用) on the setup page asks first — a dismissed prompt sends
nothing, an accepted one closes it — and the new-deputy form then no longer offers it (issue 14)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_closing_a_delegation_asks_first_and_hides_it_from_new_seats(page_for, server):
    page = page_for("staff")
    page.goto(server + "/work/deputies/setup/")
    page.click("main a.list-group-item >> nth=0")
    page.wait_for_load_state("networkidle")
    row = page.locator("form:has(input[name=kind][value=delegations]):has(button[value=close])").first
    name = row.locator("input[name=name]").input_value()
    posts, asked = [], []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)

    def dismiss(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    row.locator("button[value=close]").click()
    page.wait_for_timeout(500)
    assert asked and asked[0].startswith(f"确认停用代表团“{name}”") and posts == []

    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        row.locator("button[value=close]").click()
    assert f"已停用代表团“{name}”" in page.inner_text("main")
    page.goto(server + "/work/deputies/new/")
    assert name not in page.locator("#id_seat-delegation").inner_text()

    page.goto(server + "/work/deputies/setup/")  # reopen: the shared demo server stays as it was
    page.click("main a.list-group-item >> nth=0")
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.locator(f"form:has(input[name=name][value='{name}']) button[value=reopen]").click()
    assert f"已重新启用代表团“{name}”" in page.inner_text("main")
