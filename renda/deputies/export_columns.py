"""Columns of the deputies lists' xlsx exports through core.xlsx_export (the roster has its own, exports.py)."""

from renda.core.xlsx_export import Column

from .choices import MandateStatus

STATIONS = [
    Column("名称", "name", width=28),
    Column("类别", "get_kind_display"),
    Column("所属", "body.name", width=24),
    Column("地址", "address", width=36),
    Column("管理员", "keeper"),
    Column("进站代表", "n"),
]
# rows of the roster on a date are (mandate, status on that date, constituency on that date)
ROSTER_ON = [
    Column("姓名", lambda r: r[0].person.name),
    Column("选区（当日）", lambda r: r[2] or ""),
    Column("代表证号", lambda r: r[0].card_number),
    Column("任职起始", lambda r: r[0].start_date),
    Column("任职终止", lambda r: r[0].end_date),
    Column(
        "当日状态", lambda r: MandateStatus.SUSPENDED.label if r[1] == MandateStatus.SUSPENDED else "在任"
    ),
]
