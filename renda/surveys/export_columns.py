"""Columns of the survey list's xlsx export (core.xlsx_export); a row is (survey, participations)."""

from renda.core.xlsx_export import Column

SURVEYS = [
    Column("问卷标题", lambda r: r[0].title, width=40),
    Column("调查对象", lambda r: r[0].get_audience_display()),
    Column("匿名", lambda r: r[0].anonymous),
    Column("开始时间", lambda r: r[0].opens_at),
    Column("截止时间", lambda r: r[0].closes_at),
    Column("发布时间", lambda r: r[0].published_at),
    Column("参与人次", lambda r: r[1]),
]
