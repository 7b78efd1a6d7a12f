"""Columns of the liaison lists' xlsx exports (core.xlsx_export): what each page's table shows."""

from renda.core.xlsx_export import Column, Table

LINKS = [
    Column("组成人员", "member.full_name"),
    Column("联系代表", "mandate.person.name"),
    Column("代表证号", "mandate.card_number"),
    Column("联系起始", "start_date"),
]


def stations(items) -> Table:
    """One column per "六有" standard item of the congress (they are per-body data), then the gaps."""

    def row(r):
        gaps = "；".join(f"{g.item.name}：{g.detail}" for g in r["gaps"]) or "全部达标"
        return [
            r["station"].name,
            str(r["station"].body),
            *("达标" if f.met else "未达标" for f in r["findings"]),
            gaps,
        ]

    return Table(header=["站点", "所属人大", *(i.name for i in items), "差距"], row=row)


OFFICERS = [
    Column("联络员", "name"),
    Column("工作单位及职务", "position", width=30),
    Column("联系乡镇/单位", "post", width=24),
    Column("聘任起始", "start_date"),
    Column("聘期届满", "end_date"),
    Column("报告（含收集意见）", "n_reports"),
    Column("活动", "n_activities"),
]
MEETINGS = [
    Column("约见事由", "topic", width=36),
    Column("领衔代表", "lead.person.name"),
    Column("约见单位", "unit.name", width=24),
    Column("约见负责人", "official"),
    Column("状态", "get_status_display"),
    Column("约见时间", lambda m: m.held_on or m.scheduled_at),
]
# rows of the plans page are (plan, execution(plan)) pairs
PLANS = [
    Column("计划", lambda r: r[0].title, width=36),
    Column("年度", lambda r: r[0].year),
    Column("机关", lambda r: r[0].body.name, width=24),
    Column("活动", lambda r: r[1]["all"]),
    Column("已开展", lambda r: r[1]["total"]["held"]),
    Column("执行率", lambda r: r[1]["rate"]),
    Column("年终总结", lambda r: r[0].closed_on),
]
SITTINGS = [
    Column("会议", "title", width=36),
    Column("日期", "on"),
    Column("地点", "place"),
    Column("列席代表", lambda s: "、".join(i.mandate.person.name for i in s.invitations.all()), width=40),
    Column("出席", lambda s: "已登记" if s.attendance_taken else ""),
]
COURSES = [
    Column("培训", "title", width=36),
    Column("地点", "place"),
    Column("类别", "get_level_display"),
    Column("开始时间", "starts_at"),
    Column("学时", "hours"),
    Column("受邀", lambda c: len(c.invitations.all())),
    Column("签到", lambda c: sum(1 for i in c.invitations.all() if i.signed_in_at)),
]
TOPICS = [
    Column("课题", "title", width=36),
    Column("年度", "year"),
    Column("专业组", "group"),
    Column("牵头代表", "lead.person.name"),
    Column("调研活动", "n_activities"),
    Column("报告", "n_reports"),
]
# a 人大街道工委's deputies (views.area): what each did this year
AREA = [
    Column("代表", "person.name"),
    Column("选区", "constituency"),
    Column("本年履职记录", "records"),
    Column("列席", "sittings_n"),
    Column("工委活动", "planned"),
]
