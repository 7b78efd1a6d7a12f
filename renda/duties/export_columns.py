"""Columns of the duties lists' xlsx exports (core.xlsx_export): records, activities, leave, talks."""

from renda.core.xlsx_export import Column, Table

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


def _half_days(leave) -> str:
    """As the leave page says it: 半天 / 全天 / N 个半天."""
    return {1: "半天", 2: "全天"}.get(leave.half_days, f"{leave.half_days} 个半天")


def _talk_reason(talk) -> str:
    return f"{talk.trigger.year}年{talk.trigger.get_kind_display()}" if talk.trigger else ""


ACTIVITIES = [
    Column("开始日期", "start"),
    Column("结束日期", "end"),
    Column("活动", "title", width=40),
    Column("类型", "duty_type.name"),
    Column("人大", "body.name", width=24),
    Column("地点", "location"),
    Column("考勤", lambda a: "已登记" if a.attendance_taken else "未登记"),
]
LEAVES = [
    Column("代表", "mandate.person.name"),
    Column("活动", "activity.title", width=36),
    Column("活动日期", "activity.start"),
    Column("请假事由", "reason", width=36),
    Column("时长", _half_days),
    Column("申请日期", "requested_on"),
    Column("审批人", "approver"),
    Column("依据", "approver_cite", width=30),
    Column("状态", "get_status_display"),
    Column("审批意见", "decision_note", width=30),
]
TALKS = [
    Column("代表", "mandate.person.name"),
    Column("原因", _talk_reason, width=24),
    Column("约谈日期", lambda t: t.held_on or t.planned_on),
    Column("约谈人", "talked_by"),
    Column("状态", "get_status_display"),
]
REPORT_MEETINGS = [
    Column("日期", "on"),
    Column("述职会", "title", width=36),
    Column("组织机关", "body.name", width=24),
    Column("地点", "place"),
    Column("状态", "get_status_display"),
]


def _trigger_detail(t) -> str:
    """What the triggers page says under each one: absences, missing minimums, the total and band."""
    d = t.detail or {}
    parts = []
    if d.get("absences"):
        parts.append("缺席：" + "；".join(map(str, d["absences"])))
    if d.get("missing"):
        parts.append("尚未完成：" + "、".join(map(str, d["missing"])))
    if d.get("total"):
        parts.append(f"积分 {d['total']}" + (f"（{d['band']}）" if d.get("band") else ""))
    return " ".join(parts)


TRIGGERS = [
    Column("类型", "get_kind_display"),
    Column("代表", "mandate.person.name"),
    Column("人大", "body.name", width=24),
    Column("年度", "year"),
    Column("情况", _trigger_detail, width=50),
    Column("状态", "get_status_display"),
    Column("处理说明", "decision_note", width=30),
    Column("处理人", "decided_by"),
]
# the rankings page: one row per deputy (scoring.Score with its mandate attached) or per group (GroupScore)
RANKING_DEPUTIES = [
    Column("名次", "rank"),
    Column("代表", "mandate.person.name"),
    Column("人大", "mandate.body.name", width=24),
    Column("代表小组", "mandate.group"),
    Column("记录数", "records"),
    Column("积分", "total"),
    Column("等次", "band"),
]


def ranking_groups(dimension: str) -> Table:
    """Per group, township or level: the rank is the row's place, as on the page."""
    counter = iter(range(1, 10**9))
    return Table(
        header=["名次", dimension, "代表人数", "记录数", "平均积分"],
        row=lambda g: [next(counter), g.label, g.deputies, g.records, g.average],
    )
