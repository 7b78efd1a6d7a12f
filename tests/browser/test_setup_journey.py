"""Issue 14 "Setting up a congress": staff set up a new term and paste its delegations on pages, and the import
page then offers that term — in real Chromium, at 1366×768 and 390×844, passing axe-core."""

from pathlib import Path

import pytest

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screens"


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_term_then_delegations_then_import(page_for, server, phone):
    page = page_for("township", phone=phone)  # 城关镇人大主席团's staff; the demo's term 18 ends 2026-12-31
    page.goto(server + "/work/deputies/setup/")
    page.click('main a.list-group-item:has-text("城关镇人大主席团")')
    page.wait_for_load_state("networkidle")
    number = "20" if phone else "19"
    start = "2031-01-01" if phone else "2027-01-01"
    page.fill("#new-number", number)
    page.fill("#new-start", start)
    page.fill("#new-end", "2026-01-01")  # before the start: refused, typed values kept
    page.click("button[value=term_create]")
    assert "须晚于起始日期" in page.inner_text("main")
    assert page.input_value("#new-number") == number and page.input_value("#new-start") == start
    page.fill("#new-end", "2030-12-31" if not phone else "2035-12-31")
    page.click("button[value=term_create]")
    assert "已设立" in page.inner_text("main")
    names = f"第{number}届甲代表团\n第{number}届乙代表团"
    for _ in range(2):  # the second paste adds nothing
        page.fill("#bulk-delegations", names)
        page.click("#bulk-delegations ~ button[value=bulk]")
    assert "新增 0 个，已有 2 个" in page.inner_text("main")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"setup_body{'_phone' if phone else ''}.png"), full_page=True)
    assert axe_violations(page) == []
    page.click("text=下一步：导入代表名册")
    page.wait_for_load_state("networkidle")
    assert ("第二十届" if phone else "第十九届") in page.inner_text("main")
    assert page.locator("#id_body option:checked").inner_text() == "城关镇人大主席团"
    page.screenshot(path=str(SHOTS / f"setup_import{'_phone' if phone else ''}.png"), full_page=True)
    assert axe_violations(page) == [] and page.foreign == []
