"""The duty registration form in a real browser (issue 14 "Never lose what the user typed"): one bad field,
and every other typed value is still there after the submit, on a phone."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_duty_registration_keeps_typed_values_after_one_bad_field(page_for, server):
    page = page_for("deputy", phone=True)
    page.goto(server + "/work/duties/declare/")
    options = page.locator("#id_duty_type option").all()
    chosen = next(o.get_attribute("value") for o in options if o.get_attribute("value"))
    page.select_option("#id_duty_type", chosen)
    page.fill("#id_on", "2025-05-10")
    page.fill("#id_title", "")  # the one bad field: required
    page.fill("#id_note", "走访城南社区三户联系户，听取加装电梯意见")
    page.fill("#id_evidence_text", "附签到表和现场照片说明")
    page.click('form[enctype="multipart/form-data"] button[type=submit]')
    page.wait_for_load_state("networkidle")
    assert "/work/duties/declare/" in page.url
    assert page.locator(".invalid-feedback").count() >= 1
    assert page.input_value("#id_duty_type") == chosen
    assert page.input_value("#id_on") == "2025-05-10"
    assert page.input_value("#id_note") == "走访城南社区三户联系户，听取加装电梯意见"
    assert page.input_value("#id_evidence_text") == "附签到表和现场照片说明"
    assert page.foreign == []
