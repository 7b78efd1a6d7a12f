"""Columns of the duty-record ledger's xlsx export (core.xlsx_export)."""

from renda.core.xlsx_export import Column

RECORDS = [
    Column("日期", "on"),
    Column("代表", "mandate.person.name"),
    Column("所属人大", "body.name"),
    Column("类型", "duty_type.name"),
    Column("事项", "title", width=40),
    Column("来源", "get_source_display"),
    Column("出席情况", "get_outcome_display"),
    Column("审核状态", "get_status_display"),
    Column("积分", "points"),
]
