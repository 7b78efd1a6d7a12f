"""Columns of the suggestion list's xlsx export (core.xlsx_export)."""

from renda.core.xlsx_export import Column

ITEMS = [
    Column("编号", "number"),
    Column("年度", "year"),
    Column("类别", "get_kind_display"),
    Column("标题", "title", width=40),
    Column("领衔代表", "lead.person.name"),
    Column("人大机关", "body.name"),
    Column("状态", "get_state_display"),
    Column("重点督办", "is_priority"),
    Column("提交时间", "submitted_at"),
    Column("答复期限", "reply_due"),
    Column("办结日期", "closed_on"),
]
