"""One real task per role, in real Chromium at 1366×768 and on a 390×844 phone (issue 21): the voter leaves a
message and follows it by its code, a deputy registers a duty and finds their suggestions, county staff hand a
suggestion over, a leader opens the list behind a dashboard figure, township staff see only their own deputies
and station, the security admin unlocks an account and revokes a token, the auditor checks the log and is
refused a write. Every key step is screenshotted to $RENDA_ARTIFACTS (default var/artifacts/journeys/) as
<role>-<desktop|phone>-<step>.png, passes axe-core, loads nothing from another host and, on the phone, does not
scroll sideways. test_foundation_journeys.py covers each role's pages loading; these walk one task through."""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from tests.contact.helpers import solve

from .conftest import ROOT, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
ARTIFACTS = Path(os.environ.get("RENDA_ARTIFACTS") or ROOT / "var" / "artifacts" / "journeys")
PASSWORD = "Renda-demo-2026"
SIZES = pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])


class Journey:
    """A role's walk through one task: `step(name)` saves the screenshot and checks the page as it stands."""

    def __init__(self, page, role: str, phone: bool):
        self.page, self.width = page, 390 if phone else 1366
        self.prefix = f"{role}-{'phone' if phone else 'desktop'}"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for old in ARTIFACTS.glob(f"{self.prefix}-*.png"):  # a step renamed since the last run
            old.unlink()

    def step(self, name: str) -> None:
        page = self.page
        page.wait_for_load_state()  # not "networkidle": its 500 ms of quiet per step would cost 30 s in all
        page.wait_for_selector(".htmx-request", state="detached")  # panels that load after the page
        page.screenshot(path=str(ARTIFACTS / f"{self.prefix}-{name}.png"), full_page=True)
        where = f"{self.prefix}-{name} {page.url}"
        assert axe_violations(page) == [], where
        assert page.foreign == [], where
        assert page.evaluate("document.documentElement.scrollWidth") <= self.width, (
            where + ": scrolls sideways"
        )


def sign_in(page, server: str, username: str, password: str = PASSWORD):
    page.goto(server + "/work/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("button[type=submit]")


@SIZES
def test_voter_leaves_a_message_and_follows_it_by_its_code(page_for, server, phone):
    """domain.md §4: a voter reaches a liaison station without an account and follows the answer by code."""
    page = page_for(phone=phone)
    j = Journey(page, "voter", phone)
    page.goto(server + "/")
    j.step("portal")
    page.click("main a[href='/messages/']")
    page.wait_for_selector("#id_captcha_answer")
    j.step("form")
    title = f"城关镇人民路路灯不亮（{'手机' if phone else '电脑'}）"
    page.select_option("#id_station", label="城关镇人大代表联络站")
    page.select_option("#id_category", label="城市管理")
    page.fill("#id_title", title)
    page.fill("#id_content", "人民路东段十余盏路灯已坏一个多月，夜间行人和电动车出行不安全，希望尽快修复。")
    page.fill("#id_place", "城关镇人民路东段")
    page.check("#id_consent")
    page.fill("#id_captcha_answer", solve(page.input_value("input[name=captcha_token]")))
    with page.expect_navigation():
        page.click("button:has-text('提交留言')")
    code = page.inner_text(".renda-code").strip()
    assert re.fullmatch(r"[A-Z2-9 -]{12,17}", code), code
    j.step("code")

    page.goto(server + "/")  # later, from the portal: the code is all the voter has
    page.click("main a[href='/messages/track/']")
    page.fill("#id_code", code)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "/messages/t/" in page.url
    main = page.inner_text("main")
    assert title in main and "待受理" in main and "城关镇人大代表联络站" in main
    j.step("status")


@SIZES
def test_deputy_registers_a_duty_and_finds_own_suggestions(page_for, server, phone):
    """domain.md §3.2–3.3: a declared duty waits for review before it counts; §1.3: the deputy's own items."""
    page = page_for(phone=phone)
    sign_in(page, server, "dep001")
    j = Journey(page, "deputy", phone)
    j.step("home")
    page.click("main a[href='/work/duties/']")  # 常用功能 · 履职
    page.wait_for_selector("text=我的履职记录")
    page.click("text=登记履职")
    page.wait_for_selector("#id_duty_type")
    day = timezone.localdate() - timedelta(days=1)
    title = f"走访城关镇东家村联系户{'（手机）' if phone else ''}"
    page.select_option("#id_duty_type", label="联系选民、走访联系户")
    page.fill("#id_on", day.isoformat())
    page.fill("#id_title", title)
    page.fill("#id_note", "走访三户联系户，听取村道硬化和饮水安全的意见，已整理转交镇人大主席团。")
    page.fill("#id_evidence_text", f"{day:%Y年%m月%d日}上午，东家村村委会陪同，附走访记录表。")
    j.step("declare")
    with page.expect_navigation():
        page.click('form[enctype="multipart/form-data"] button[type=submit]')
    assert page.url.endswith("/work/duties/mine/")
    assert "已提交，待人大工作人员审核" in page.inner_text("main")
    record = page.locator("main .list-group-item", has_text=title).first
    assert "待审核" in record.inner_text()
    j.step("duties")

    page.goto(server + "/work/")
    page.click("main a[href='/work/suggestions/']")  # 常用功能 · 建议议案: the deputy's own
    page.wait_for_selector("text=我领衔的")
    assert "关于缓解县城义务教育学校“大班额”问题的建议" in page.inner_text("main")
    j.step("suggestions")
    page.click("main a:has-text('大班额')")
    page.wait_for_selector("text=办理记录")
    assert "大班额" in page.title()
    j.step("suggestion")


@SIZES
def test_county_staff_hand_a_suggestion_over(page_for, server, phone):
    """domain.md §1.3 step 3: the office hands an accepted suggestion to a lead unit and co-units."""
    page = page_for(phone=phone)
    sign_in(page, server, "staff")
    j = Journey(page, "staff", phone)
    page.click("main a[href='/work/suggestions/']")  # 常用功能 · 建议议案: the figures by stage
    page.click("main a:has-text('已受理待交办')")
    page.wait_for_selector("text=共")
    j.step("accepted")
    link = page.locator("main a[href^='/work/suggestions/']").filter(has_text="关于").first
    title = link.inner_text().strip()
    link.click()
    page.wait_for_selector("form[action$='/act/hand_over/']")
    j.step("suggestion")
    page.select_option("#id_lead", label="青山县住房和城乡建设局")
    page.select_option("#id_co", label="青山县财政局")
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    with page.expect_navigation():
        page.click("form[action$='/act/hand_over/'] button[type=submit]")
    assert asked == ["确定交办？交办后由承办单位办理。"]
    text = page.inner_text("body")
    assert title in text and "已交办待签收" in text and "青山县住房和城乡建设局" in text
    j.step("handed-over")


@SIZES
def test_leader_opens_the_list_behind_a_dashboard_figure(page_for, server, phone):
    """domain.md §1.3 (handling deadlines): the overdue figure a leader acts on is the count of a list they open."""
    page = page_for(phone=phone)
    sign_in(page, server, "leader")
    j = Journey(page, "leader", phone)
    page.wait_for_selector(".dash-chart svg")
    figure = page.locator("a.leader-overdue", has_text="超期未办的建议")
    count = int(figure.locator("strong").inner_text())
    assert count > 0  # the demo has overdue suggestions
    j.step("dashboard")
    figure.click()
    page.wait_for_selector("text=明细")
    rows = page.locator("main .list-group-item").filter(has=page.locator(".badge", has_text="超期"))
    assert rows.count() == count, "the figure and the list behind it disagree"
    j.step("overdue")
    number = re.search(r"\d{4}\S\d{4}", rows.first.inner_text()).group()  # 2026建0125
    rows.first.click()
    page.wait_for_selector("text=办理记录")
    assert number in page.inner_text("body")
    j.step("suggestion")


@SIZES
def test_township_staff_see_only_their_own_deputies_and_station(page_for, server, phone):
    """domain.md §7.1 access control: a township's staff work in their own body's data only."""
    page = page_for(phone=phone)  # 城关镇人大主席团's staff
    sign_in(page, server, "township")
    j = Journey(page, "township", phone)
    page.click("main a[href='/work/deputies/']")  # 常用功能 · 代表
    page.wait_for_selector("table")
    bodies = page.locator("select[name=body] option").all_inner_texts()
    assert [b for b in bodies if b != "全部"] == ["城关镇人大"], bodies
    places = page.locator("main table tbody tr td:nth-child(5)").all_inner_texts()
    assert places and all(p.startswith("城关镇") for p in places), set(places)
    j.step("deputies")
    page.click("main a[href='/work/deputies/stations/']")
    page.wait_for_selector("main table")
    stations = page.locator("main table tbody tr")
    assert stations.count() == 1 and "城关镇人大代表联络站" in stations.inner_text()
    j.step("stations")
    stations.locator("a").first.click()
    page.wait_for_selector("text=进站代表")
    j.step("station")

    page.goto(server + "/messages/")  # another township's station, by its public number
    other = page.locator("#id_station option", has_text="白沙镇人大代表联络站").get_attribute("value")
    response = page.goto(server + f"/work/deputies/stations/{other}/")
    assert response.status == 404 and "不在您的查看范围内" in page.inner_text("main")
    j.step("other-station")


def _lock(page, server, username: str) -> str:
    """Wrong passwords until django-axes locks the account; returns the message the person sees."""
    for _ in range(6):
        sign_in(page, server, username, "not-the-password")
        text = page.inner_text("main")
        if "已被锁定" in text:
            return text
    raise AssertionError(f"{username} was not locked")


@SIZES
def test_security_admin_unlocks_an_account_and_revokes_its_token(page_for, server, phone):
    """domain.md §7.1: login lockout lifted by the security admin; API tokens revoked by them (三员分立)."""
    holder = (
        "handler" if not phone else "unithead"
    )  # 县住建局's accounts: no other browser test signs in as them
    page = page_for(phone=phone)
    j = Journey(page, "secadmin", phone)
    sign_in(page, server, holder)
    page.goto(server + "/work/dashboards/tokens/")
    purpose = f"12345 平台对接（{holder}）"
    page.fill("#id_name", purpose)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "已创建" in page.inner_text("main")
    page.context.clear_cookies()  # the holder is gone; someone then guesses their password
    assert "请联系本机关的安全管理员" in _lock(page, server, holder)
    j.step("locked")

    sign_in(page, server, "secadmin")
    j.step("home")
    page.click("main a[href='/work/admin/lockouts/']")
    row = page.locator("main tbody tr", has_text=holder)
    assert "已锁定" in row.inner_text()
    j.step("lockouts")
    with page.expect_navigation():
        row.locator("button", has_text="解除").click()
    assert f"已解除账号 {holder} 的锁定" in page.inner_text("main")
    assert page.locator("main tbody tr", has_text=holder).count() == 0
    j.step("unlocked")

    page.goto(server + "/work/")
    page.click("main a[href='/work/admin/api-tokens/']")
    row = page.locator("main tbody tr", has_text=purpose)
    assert "有效" in row.inner_text()
    j.step("tokens")
    page.once("dialog", lambda d: d.accept())
    with page.expect_navigation():
        row.locator("button", has_text="吊销").click()
    assert "令牌已吊销" in page.inner_text("main")
    assert "已吊销" in page.locator("main tbody tr", has_text=purpose).inner_text()
    j.step("revoked")


@SIZES
def test_auditor_checks_the_log_and_is_refused_a_write(page_for, server, phone):
    """domain.md §7.1: the audit admin reads and checks the log and can change nothing (三员分立)."""
    page = page_for(phone=phone)
    sign_in(page, server, "auditor")
    j = Journey(page, "auditor", phone)
    page.click("main a[href='/work/admin/audit/']")
    page.wait_for_selector("main table")
    writes = page.locator("main form[method=post], .page-header form[method=post]").evaluate_all(
        "fs => fs.map(f => f.getAttribute('action'))"
    )
    assert writes == ["/work/admin/audit/verify/"], writes  # read-only: the only post checks the chain
    j.step("log")
    with page.expect_navigation():
        page.click("text=校验哈希链")
    assert "审计日志完整" in page.inner_text(".alert")
    j.step("verified")

    # A write past the screens (a form crafted in the page, with the auditor's own CSRF token): deactivating an
    # account is the system admin's; the auditor is refused and told no more than "not found".
    with page.expect_navigation() as nav:
        page.evaluate(
            """() => { const f = document.createElement('form'); f.method = 'post';
            f.action = '/work/admin/users/1/active/';
            f.innerHTML = '<input name="active" value="0">' + document.querySelector(
              'input[name=csrfmiddlewaretoken]').outerHTML;
            document.body.append(f); f.submit(); }"""
        )
    assert nav.value.status == 404 and "不在您的查看范围内" in page.inner_text("main")
    j.step("refused")

    page.goto(server + "/work/admin/audit/?action=refused")
    first = page.locator("main tbody tr").first.inner_text()
    assert "审计管理员" in first and "role_not_allowed" in first, first
    j.step("refusal-logged")
