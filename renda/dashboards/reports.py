"""Year-end reports as .docx from staff-editable templates (docxtpl), and the monthly statistics as .xlsx.

The figures come from the dashboard's panels (the same definitions as on screen). Each report has a default
template, built here with python-docx at first use; a body's staff download it, edit the wording and layout
in Word (keeping the `{{ … }}` tags), and upload their own (`services.upload_template`). Tags available in
each report are listed in `TAGS` and on the reports page.
"""

import functools
import io
from datetime import date

from django.utils import timezone
from docx import Document
from docx.shared import Pt
from docxtpl import DocxTemplate

from renda.core import xlsx

from . import aggregates, panels, supervision_report
from .models import ReportKind, ReportTemplate

TAGS = {
    ReportKind.SUGGESTIONS: [
        ("body", "人大机关名称"),
        ("year", "年度"),
        ("total", "建议议案总数（不含草稿）"),
        ("states", "按状态：label 名称、value 件数"),
        ("rates.on_time / solved_ab / satisfied", "比率：percent、num、den、interval"),
        ("units", "承办单位：rank、label、items、rates[0..2]（按时办复、解决、满意）、total"),
        ("classes", "答复类别：label、value"),
        ("priority", "重点督办件数"),
        ("overdue", "超期未办件数"),
    ],
    ReportKind.DUTIES: [
        ("body", "人大机关名称"),
        ("year", "年度"),
        ("records", "已确认的履职记录数"),
        ("townships", "按乡镇：label、value（记录数）、deputies（代表人数）"),
    ],
    ReportKind.STATIONS: [
        ("body", "人大机关名称"),
        ("year", "年度"),
        ("stations", "联络站：label、served、visitors、messages"),
        ("served / visitors / active / station_count", "接待次数、人次、活跃站点、站点总数"),
        ("messages", "留言总数"),
        ("categories", "按类别：label、value"),
    ],
    ReportKind.SUPERVISION: supervision_report.TAGS,
}


def _doc(title: str) -> Document:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "宋体"
    style.font.size = Pt(12)
    doc.add_heading(title, level=1)
    doc.add_paragraph("{{ body }}：")
    return doc


def _loop_table(doc: Document, header: list[str], loop: str, cells: list[str]) -> None:
    """A table whose middle rows repeat with docxtpl's `{%tr for … %}` (one row per item)."""
    table = doc.add_table(rows=4, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for r in " + loop + " %}"
    for cell, text in zip(table.rows[2].cells, cells, strict=True):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"


def _suggestions() -> Document:
    doc = _doc("关于{{ year }}年代表建议、批评和意见办理工作情况的报告")
    doc.add_paragraph(
        "{{ year }}年共收到代表建议、批评和意见及议案{{ total }}件。其中重点督办{{ priority }}件；"
        "截至统计时超期未办{{ overdue }}件。"
    )
    doc.add_paragraph(
        "按时办复率{{ rates.on_time.percent }}（{{ rates.on_time.num }}/{{ rates.on_time.den }}），"
        "解决率（A+B类）{{ rates.solved_ab.percent }}（{{ rates.solved_ab.num }}/{{ rates.solved_ab.den }}），"
        "代表满意率{{ rates.satisfied.percent }}（{{ rates.satisfied.num }}/{{ rates.satisfied.den }}）。"
    )
    doc.add_heading("一、办理状态", level=2)
    _loop_table(doc, ["状态", "件数"], "states", ["{{ r.label }}", "{{ r.value }}"])
    doc.add_heading("二、承办单位办理情况", level=2)
    _loop_table(
        doc,
        ["名次", "承办单位", "件数", "按时办复率", "解决率(A+B)", "满意率"],
        "units",
        [
            "{{ r.rank or '单列' }}",
            "{{ r.label }}",
            "{{ r.items }}",
            "{{ r.rates[0].percent }}",
            "{{ r.rates[1].percent }}",
            "{{ r.rates[2].percent }}",
        ],
    )
    doc.add_heading("三、答复类别", level=2)
    _loop_table(doc, ["类别", "件次"], "classes", ["{{ r.label }}", "{{ r.value }}"])
    doc.add_heading("四、主要做法、存在的问题和下一步工作", level=2)
    doc.add_paragraph("（请工作人员补充。）")
    doc.add_paragraph(
        "说明：件数少于最低件数的单位单列，不参与排名；比率附分子分母，区间为 Wilson 95% 置信区间。"
    )
    return doc


def _duties() -> Document:
    doc = _doc("关于{{ year }}年代表履职情况的报告")
    doc.add_paragraph("{{ year }}年代表已确认的履职记录共{{ records }}条。各乡镇（街道）情况如下：")
    _loop_table(
        doc,
        ["乡镇（街道）", "履职记录", "有记录的代表"],
        "townships",
        ["{{ r.label }}", "{{ r.value }}", "{{ r.deputies }}"],
    )
    doc.add_heading("主要做法和下一步工作", level=2)
    doc.add_paragraph("（请工作人员补充。）")
    doc.add_paragraph("说明：乡镇代表按其人大，县级代表按其选区所在乡镇统计。")
    return doc


def _stations() -> Document:
    doc = _doc("关于{{ year }}年代表联络站工作情况的报告")
    doc.add_paragraph(
        "全年共有联络站{{ station_count }}个，其中有接待或留言的{{ active }}个；开展接待{{ served }}次，"
        "接待群众{{ visitors }}人次；收到群众留言{{ messages }}件。"
    )
    doc.add_heading("一、各联络站情况", level=2)
    _loop_table(
        doc,
        ["联络站", "接待次数", "接待人次", "留言"],
        "stations",
        ["{{ r.label }}", "{{ r.served }}", "{{ r.visitors }}", "{{ r.messages }}"],
    )
    doc.add_heading("二、群众留言类别", level=2)
    _loop_table(doc, ["类别", "件数"], "categories", ["{{ r.label }}", "{{ r.value }}"])
    doc.add_heading("三、下一步工作", level=2)
    doc.add_paragraph("（请工作人员补充。）")
    return doc


def _supervision() -> Document:
    return supervision_report.build_template(_doc, _loop_table)


BUILDERS = {
    ReportKind.SUGGESTIONS: _suggestions,
    ReportKind.DUTIES: _duties,
    ReportKind.STATIONS: _stations,
    ReportKind.SUPERVISION: _supervision,
}


@functools.cache
def default_template(kind: str) -> bytes:
    buf = io.BytesIO()
    BUILDERS[ReportKind(kind)]().save(buf)
    return buf.getvalue()


def template_bytes(body, kind: str) -> tuple[bytes, ReportTemplate | None]:
    own = ReportTemplate.objects.filter(body=body, kind=kind, active=True).first() if body else None
    if own is None:
        return default_template(kind), None
    with own.file.open("rb") as f:
        return f.read(), own


def _figures(user, year: int) -> dict:
    ctx = aggregates.context_for(user, year=year)
    return {r.panel.key: r.data for r in aggregates.render_panels(ctx)}, ctx


def context(kind: str, *, user, year: int) -> dict:
    """The tags of one report for the user's scope and year (see TAGS)."""
    if kind == ReportKind.SUPERVISION:  # the standing committee supervises: the user's own body
        on = min(timezone.localdate(), date(year, 12, 31))
        return {
            "body": user.body.name if user.body_id else user.org_name,
            "year": year,
            "today": f"{on:%Y年%-m月%-d日}",
            **supervision_report.context(user, year, on),
        }
    f, ctx = _figures(user, year)
    body = ctx.body.name if ctx.body else user.org_name
    base = {"body": body, "year": year, "today": f"{timezone.localdate():%Y年%-m月%-d日}"}
    if kind == ReportKind.SUGGESTIONS:
        ranking = f.get("unit_rankings") or {}
        return {
            **base,
            "total": (f.get("suggestions_state") or {}).get("n", 0),
            "states": (f.get("suggestions_state") or {}).get("rows", []),
            "rates": ranking.get("totals")
            or {k: {"percent": "—", "num": 0, "den": 0} for k in ("on_time", "solved_ab", "satisfied")},
            "units": ranking.get("rows", []),
            "classes": (f.get("suggestions_class") or {}).get("rows", []),
            "priority": (f.get("priority") or {}).get("n", 0),
            "overdue": (f.get("overdue") or {}).get("rows", [{}])[0].get("value", 0),
        }
    if kind == ReportKind.DUTIES:
        t = f.get("townships") or {}
        return {**base, "records": t.get("n", 0), "townships": t.get("rows", [])}
    st, msg = f.get("stations") or {}, f.get("messages") or {}
    return {
        **base,
        "stations": st.get("rows", []),
        "station_count": st.get("n", 0),
        "served": st.get("served", 0),
        "visitors": st.get("visitors", 0),
        "active": st.get("active", 0),
        "messages": msg.get("n", 0),
        "categories": msg.get("rows", []),
    }


def render_docx(template: bytes, ctx: dict) -> bytes:
    doc = DocxTemplate(io.BytesIO(template))
    doc.render(ctx, autoescape=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def build(kind: str, *, user, year: int) -> bytes:
    from renda.core.selectors import deputy_bodies

    data, _own = template_bytes(deputy_bodies(user).first(), kind)
    return render_docx(data, context(kind, user=user, year=year))


def monthly_xlsx(*, user, year: int, month: int) -> bytes:
    """月度统计: one sheet per figure, for the month, with each figure's definition under it."""
    import calendar

    start, end = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    ctx = aggregates.context_for(user, year=year, start=start, end=end)
    f = {r.panel.key: r.data for r in aggregates.render_panels(ctx) if r.panel.cached}
    sheets = []
    title = f"{user.org_name} {year}年{month}月统计"

    def add(key: str, name: str, header: list[str], make) -> None:
        d = f.get(key)
        if d:
            sheets.append(
                xlsx.Sheet(
                    name,
                    rows=[make(r) for r in d["rows"]],
                    header=header,
                    title=title,
                    notes=[f"口径：{d['definition']}", f"n = {d['n']}"],
                    widths={1: 28},
                )
            )

    add("suggestions_state", "建议办理状态", ["状态", "件数"], lambda r: [r["label"], r["value"]])
    add("overdue", "超期未办", ["事项", "件数"], lambda r: [r["label"], r["value"]])
    add("messages", "群众留言类别", ["类别", "件数"], lambda r: [r["label"], r["value"]])
    add(
        "message_rates",
        "留言三率",
        ["名次", "承办单位", "留言", "响应率", "解决率", "满意率", "综合"],
        lambda r: [r["rank"] or "—", r["label"], r["items"], *(x["percent"] for x in r["rates"]), r["total"]],
    )
    add(
        "stations",
        "联络站",
        ["联络站", "已接待", "接待人次", "留言"],
        lambda r: [r["label"], r["served"], r["visitors"], r["messages"]],
    )
    add(
        "townships",
        "乡镇履职",
        ["乡镇（街道）", "履职记录", "代表人数"],
        lambda r: [r["label"], r["value"], r["deputies"]],
    )
    if not sheets:
        sheets.append(xlsx.Sheet("统计", rows=[["本月没有数据"]], title=title))
    return xlsx.workbook(*sheets)


def kinds() -> list[tuple[str, str]]:
    return list(ReportKind.choices)


__all__ = ["TAGS", "build", "default_template", "monthly_xlsx", "panels"]
