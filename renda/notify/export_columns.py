"""Columns of the outbox's xlsx export (core.xlsx_export). No address and no text: only the delivery facts."""

from renda.core.xlsx_export import Column

OUTBOX = [
    Column("编号", "pk"),
    Column("事件", "event"),
    Column("渠道", "get_channel_display"),
    Column("标题", "subject", width=36),
    Column("紧急", "urgent"),
    Column("状态", "get_status_display"),
]
