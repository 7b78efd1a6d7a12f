"""Columns of the contact lists' xlsx exports (core.xlsx_export) that are not the messages' own table."""

from renda.core.xlsx_export import Column


def _duty(duty) -> str:
    """A deputy on duty as the reception page shows them: name and whether they confirmed."""
    if duty.confirmed_at:
        state = "已确认"
    elif duty.declined_reason:
        state = f"不能参加：{duty.declined_reason}"
    else:
        state = "待确认"
    return f"{duty.mandate.person.name}（{state}）"


RECEPTIONS = [
    Column("日期", "date"),
    Column("时间", lambda d: f"{d.starts:%H:%M}–{d.ends:%H:%M}"),
    Column("联络站", "station.name", width=24),
    Column("主题", "topic", width=30),
    Column("接待代表", lambda d: "；".join(_duty(x) for x in d.duties.all()), width=40),
    Column("状态", "get_status_display"),
    Column("接待人次", lambda d: d.visitors if d.status == "served" else ""),
]
