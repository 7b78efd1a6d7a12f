"""Exports of the rates: the ranking as xlsx, and the year-end handling report (办理工作报告) as docx."""

import io

from django.utils import timezone
from docx import Document
from docx.shared import Pt

from renda.core import xlsx

from . import rates

HEAD = [
    "名次",
    "承办单位",
    "件数",
    "按时办复",
    "按时办复率",
    "区间",
    "A类",
    "解决率(A)",
    "A+B类",
    "解决率(A+B)",
    "已评价",
    "满意",
    "满意率",
    "区间",
    "逾期未评价",
    "加权总分",
]


def _row(r: dict) -> list:
    return [
        r["rank"] if r["rank"] is not None else "件数不足，单列",
        r["unit"],
        r["items"],
        f"{r['on_time'].num}/{r['on_time'].den}",
        r["on_time"].percent(),
        r["on_time"].interval_text(),
        r["solved_a"].num,
        r["solved_a"].percent(),
        r["solved_ab"].num,
        r["solved_ab"].percent(),
        r["satisfied"].den,
        r["satisfied"].num,
        r["satisfied"].percent(),
        r["satisfied"].interval_text(),
        r["unrated"],
        round(r["total"] * 100, 1),
    ]


def ranking_xlsx(*, body, year: int, rows: list[dict]) -> bytes:
    return xlsx.write(
        (_row(r) for r in rows),
        sheet=f"{year}年承办单位排名",
        title=f"{body} {year} 年代表建议承办单位办理情况排名（生成于 {timezone.localdate():%Y-%m-%d}）",
        header=HEAD,
        notes=[
            "说明：按时办复率=按期首次答复件数/已答复或已到期件数；解决率=A（或A+B）类件数/已答复件数；"
            "满意率=结果评价为满意或基本满意的件数/已评价件数，经催告仍未评价的不计入；区间为 Wilson 95% 置信区间；"
            "件数少于最少件数的单位单列，不参与排名。"
        ],
    )


def _pct(rate: rates.Rate) -> str:
    return f"{rate.percent()}（{rate.num}/{rate.den}）"


def annual_docx(
    *, body, year: int, rows: list[dict], summary: dict, classes: dict[str, int], counts: dict
) -> bytes:
    """办理工作报告: the figures filled in; staff edit the prose before it goes to the standing committee."""
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "宋体"
    style.font.size = Pt(12)
    doc.add_heading(f"关于{year}年代表建议、批评和意见办理工作情况的报告", level=1)
    doc.add_paragraph(f"{body}：")
    total_items = sum(counts.values())
    replied = sum(classes.values())
    doc.add_paragraph(
        f"{year}年共收到代表建议、批评和意见及议案{total_items}件，交由各承办单位办理{summary['items']}件次，"
        f"已答复{replied}件次。其中A类（已解决或基本解决）{classes.get('A', 0)}件次，B类（正在解决）{classes.get('B', 0)}件次，"
        f"C类（列入计划逐步解决）{classes.get('C', 0)}件次，D类（因条件限制留作参考）{classes.get('D', 0)}件次。"
    )
    doc.add_paragraph(
        f"按时办复率{_pct(summary['on_time'])}，解决率（A类）{_pct(summary['solved_a'])}，"
        f"解决率（A+B类）{_pct(summary['solved_ab'])}，代表对办理结果的满意率{_pct(summary['satisfied'])}，"
        f"对办理态度的满意率{_pct(summary['attitude'])}；经催告仍未反馈意见、不计入满意率的{summary['unrated']}件次。"
    )
    doc.add_heading("一、承办单位办理情况", level=2)
    table = doc.add_table(rows=1, cols=7)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        ["名次", "承办单位", "件数", "按时办复率", "解决率(A+B)", "满意率", "总分"],
        strict=True,
    ):
        cell.text = text
    for r in rows:
        cells = table.add_row().cells
        for cell, text in zip(
            cells,
            [
                str(r["rank"] or "单列"),
                r["unit"],
                str(r["items"]),
                _pct(r["on_time"]),
                _pct(r["solved_ab"]),
                _pct(r["satisfied"]),
                f"{r['total'] * 100:.1f}",
            ],
            strict=True,
        ):
            cell.text = text
    doc.add_heading("二、主要做法", level=2)
    doc.add_paragraph("（请工作人员补充：交办、督办、沟通协商和跟踪落实的主要做法。）")
    doc.add_heading("三、存在的问题和下一步工作", level=2)
    doc.add_paragraph("（请工作人员补充。）")
    doc.add_paragraph(
        "说明：件数少于最少件数的单位单列，不参与排名；各项比率附分子分母，区间为 Wilson 95% 置信区间。"
    )
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
