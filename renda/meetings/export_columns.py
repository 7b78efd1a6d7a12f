"""Columns of the meetings list's xlsx export (core.xlsx_export)."""

from renda.core.xlsx_export import Column

MEETINGS = [
    Column("会议名称", "title", width=40),
    Column("会议类别", "get_kind_display"),
    Column("机关", "body.name"),
    Column("开始时间", "starts_at"),
    Column("结束时间", "ends_at"),
    Column("地点", "location"),
    Column("状态", "get_status_display"),
]
