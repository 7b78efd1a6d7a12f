"""The suggestion form in a real browser (issue 14 "Never lose what the user typed"): a deputy on a phone
picks a co-signer by pinyin, leaves one required field empty, saves — and finds everything else still there."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

FACTS = "城南老旧小区加装电梯进度缓慢，居民多次反映审批环节多、补贴到位慢。"
PROPOSALS = "一、简化加装电梯审批；二、补贴资金在竣工验收后一个月内拨付到位。"


def test_a_deputy_keeps_text_and_co_signer_after_one_empty_field(page_for, server):
    page = page_for("deputy", phone=True)
    page.goto(server + "/work/suggestions/new/")
    page.fill("#id_title", "")  # the one bad field: required
    page.fill("#id_facts", FACTS)
    page.fill("#id_proposals", PROPOSALS)
    page.locator("[data-cosigner-search]").fill("z")
    first = page.locator('input[name="cosigners"]').first
    first.wait_for()
    picked = first.get_attribute("value")
    first.check()
    page.evaluate("document.querySelector('#id_title').removeAttribute('required')")  # the server must say it
    page.click('button[name="save"]')
    page.wait_for_load_state("networkidle")
    assert page.locator(".invalid-feedback").count() >= 1
    assert page.input_value("#id_facts") == FACTS
    assert page.input_value("#id_proposals") == PROPOSALS
    kept = page.locator(f'input[name="cosigners"][value="{picked}"]')
    assert kept.count() == 1 and kept.is_checked()
    assert page.foreign == []
