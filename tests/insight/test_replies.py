"""Reply-quality hints: relevance, completeness, readability, timeliness (wave2-references (f) 问题3)."""

import datetime as dt

from renda.insight.selectors import reply_hints

MESSAGE = "城南小学门口每天放学时车辆乱停，交通拥堵，孩子过马路很危险，希望交警部门加强管理。"


def _by_axis(hints):
    return {h.axis: h for h in hints}


def test_a_good_reply_passes():
    reply = (
        "您反映的城南小学门口放学时车辆乱停、交通拥堵问题已收悉。根据《道路交通安全法》，我局已安排交警在放学时段"
        "到城南小学门口值守疏导，将于2026年7月前增设临时停车区。联系电话：0000-1234567。"
    )
    h = _by_axis(
        reply_hints(
            MESSAGE,
            reply,
            asked_on=dt.date(2026, 6, 1),
            replied_on=dt.date(2026, 6, 5),
            due=dt.date(2026, 6, 10),
        )
    )
    assert h["相关性"].ok and h["完整性"].ok and h["及时性"].ok


def test_an_off_topic_incomplete_late_reply_is_flagged():
    h = _by_axis(
        reply_hints(
            MESSAGE,
            "感谢您对我们工作的关心和支持，您的意见我们会认真研究。",
            asked_on=dt.date(2026, 6, 1),
            replied_on=dt.date(2026, 6, 20),
            due=dt.date(2026, 6, 10),
        )
    )
    assert not h["相关性"].ok and "小学" in h["相关性"].text
    assert not h["完整性"].ok and "联系方式" in h["完整性"].text
    assert not h["及时性"].ok


def test_empty_or_emoji_draft_is_a_clear_hint_not_an_error():
    for odd in ["", "👍👍", "好"]:
        hints = reply_hints(MESSAGE, odd)
        assert len(hints) == 1 and "太短" in hints[0].text
