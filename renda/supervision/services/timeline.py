"""Statutory dates that core.calendar does not count: N days *before* a meeting and N calendar days after.

Forward deadlines in months or working days go through core.deadlines.set_due (kept with their recipe);
these two kinds carry their explanation in words beside the date.
"""

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Dated:
    due: date
    note: str


def before(meeting: date, days: int, *, what: str, cite: str) -> Dated:
    due = meeting - timedelta(days=days)
    return Dated(due, f"会议日期 {meeting:%Y-%m-%d} 前 {days} 日 = {due:%Y-%m-%d}（{what}）；依据：{cite}")


def after(start: date, days: int, *, what: str, cite: str) -> Dated:
    due = start + timedelta(days=days)
    return Dated(due, f"自 {start:%Y-%m-%d} 起 {days} 日内 = {due:%Y-%m-%d}（{what}）；依据：{cite}")
