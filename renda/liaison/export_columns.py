"""Columns of the liaison lists' xlsx exports (core.xlsx_export)."""

from renda.core.xlsx_export import Column

LINKS = [
    Column("组成人员", "member.full_name"),
    Column("联系代表", "mandate.person.name"),
    Column("代表证号", "mandate.card_number"),
    Column("联系起始", "start_date"),
]
