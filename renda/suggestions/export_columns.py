"""Columns of the suggestion lists' xlsx exports (core.xlsx_export): the list, screening, hand-over, overdue."""

from renda.core.xlsx_export import Column, Table

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
SCREENING = [
    Column("编号", "number"),
    Column("类别", "get_kind_display"),
    Column("标题", "title", width=40),
    Column("领衔代表", "lead.person.name"),
    Column("提交时间", "submitted_at"),
]
BOARD = [
    Column("编号", "number"),
    Column("标题", "title", width=40),
    Column("领衔代表", "lead.person.name"),
    Column("人大机关", "body.name"),
    Column("交办期限", "handover_due"),
]
# the overdue board's rows are per-unit dicts (selectors.overdue_board)
OVERDUE = Table(
    header=["承办单位", "超期", "临期", "按环节"],
    row=lambda b: [
        b["unit"],
        b["overdue"],
        b["soon"],
        "；".join(f"{stage}：超期 {c['overdue']} / 临期 {c['soon']}" for stage, c in b["stages"].items()),
    ],
)
