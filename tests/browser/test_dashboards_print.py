"""The dashboard, the big screen and the A4 print of the hand-over sheet in real Chromium (issue 19): charts
drawn from local files only, the screen at 1920×1080, and a PDF printed through the print stylesheet.
Screenshots and PDFs go to screenshots/ for a person to look at."""

import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
OUT = Path(__file__).resolve().parents[2] / "screenshots"


def test_dashboard_screen_and_print(page_for, server):
    OUT.mkdir(exist_ok=True)
    page = page_for("leader")
    page.goto(server + "/work/")
    page.wait_for_selector(".dash-chart svg")
    assert "数据看板" in page.title() and page.locator(".dash-definition").count() >= 6
    page.screenshot(path=str(OUT / "dashboard.png"), full_page=True)
    page.emulate_media(media="print")
    assert page.locator(".renda-navbar").is_hidden()  # the print stylesheet hides navigation
    page.pdf(path=str(OUT / "dashboard.pdf"), format="A4", print_background=True)
    page.emulate_media(media="screen")

    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(server + "/work/dashboards/screen/")
    page.wait_for_selector(".dash-chart svg")
    box = page.locator(".screen").bounding_box()
    assert box["width"] == 1920 and box["height"] == 1080
    assert page.evaluate("document.documentElement.scrollHeight") <= 1080  # nothing below the fold
    page.screenshot(path=str(OUT / "big-screen.png"))

    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(server + "/work/suggestions/list/?state=handling")
    href = (
        page.locator("a[href^='/work/suggestions/']")
        .filter(has_text=re.compile("关于"))
        .first.get_attribute("href")
    )
    pk = re.search(r"/work/suggestions/(\d+)/", href).group(1)
    page.goto(server + f"/work/dashboards/print/handover/{pk}/")
    page.emulate_media(media="print")
    assert page.locator(".sheet-title").is_visible() and page.locator(".btn").first.is_hidden()
    pdf = page.pdf(path=str(OUT / "handover.pdf"), format="A4", print_background=True)
    assert (
        pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") <= 2
    )  # one sheet
    page.screenshot(path=str(OUT / "handover-print.png"), full_page=True)
    assert page.foreign == []  # no CDN, no other host
