"""The door's sign-in in a real browser (issue 17 "Sign-in", "Bad input and faults"): the door screen shows a
QR code, a deputy called as 列席 opens it on a phone and signs in; the same code sent to someone else is refused
with a clear message. The demo's meeting in session is 县十八届人大常委会第二十三次会议."""

import pytest

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_one_door_code_signs_in_one_person(page_for, server):
    door = page_for("staff")
    door.goto(server + "/work/meetings/")
    door.click("text=县十八届人大常委会第二十三次会议")
    meeting_url = door.url
    door.goto(
        meeting_url.rstrip("/").rsplit("/", 1)[0] + "/" + meeting_url.rstrip("/").rsplit("/", 1)[1] + "/door/"
    )
    url = door.get_attribute(".mt-qr", "data-signin-url")
    assert "/work/meetings/sign-in/" in url and door.locator(".mt-qr svg").count() == 1
    assert axe_violations(door) == []

    phone = page_for("deputy", phone=True)
    phone.goto(url)
    assert axe_violations(phone) == []
    phone.click("text=确认本人签到")
    phone.wait_for_load_state("networkidle")
    assert "签到成功" in phone.content()

    other = page_for("dep021", phone=True)  # also called as 列席, not in the room
    other.goto(url)
    other.click("text=确认本人签到")
    other.wait_for_load_state("networkidle")
    assert "该签到码已被他人使用" in other.content()
    assert door.foreign == phone.foreign == other.foreign == []
