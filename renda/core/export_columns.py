"""Columns of core's own lists' xlsx exports (core.xlsx_export)."""

from .xlsx_export import Column

UNITS = [
    Column("单位", "name", width=30),
    Column("类别", "get_kind_display"),
    Column("服务的人大机关", "body.name", width=24),
    Column("联系人", "contact_name"),
    Column("联系电话", "contact_phone", mask="phone"),
]
