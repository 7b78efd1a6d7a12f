"""Exports: raw answers to xlsx (labels, not ids; one column per matrix row), a statistical report to docx with
bar charts drawn server-side by Pillow, and the chart data the ECharts pages read."""

from __future__ import annotations

import io
from pathlib import Path

from django.utils import timezone

from .definition import compile_
from .models import Kind, Response, Survey
from .selectors import SMALL_CELL, Result, crosstab, results

FONT_PATHS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)


def chart_data(res: list[Result]) -> list[dict]:
    """One chart per question (per matrix: stacked bars per row). Suppressed cells are sent as null."""
    out = []
    for r in res:
        q = r.question
        if q.kind == Kind.TEXT:
            out.append({"id": q.id, "kind": "words", "words": [[w, n] for w, n in r.words[:15]]})
            continue
        if q.kind == Kind.MATRIX:
            out.append(
                {
                    "id": q.id,
                    "kind": "matrix",
                    "rows": [b.label for b in r.blocks],
                    "series": [
                        {
                            "name": lab,
                            "data": [
                                None if b.cells[i].suppressed else round(b.cells[i].share * 100, 1)
                                for b in r.blocks
                            ],
                        }
                        for i, (_, lab, _) in enumerate(q.options)
                    ],
                }
            )
            continue
        b = r.blocks[0]
        out.append(
            {
                "id": q.id,
                "kind": "pie" if len(b.cells) == 2 and q.kind != Kind.MULTIPLE else "bar",
                "labels": [c.label for c in b.cells],
                "values": [None if c.suppressed else c.count for c in b.cells],
            }
        )
    return out


# xlsx -----------------------------------------------------------------------------------------------------------


def _label(q, oid) -> str:
    return q.label(oid) or ""


def xlsx(survey: Survey) -> bytes:
    """Raw answers: one row per answer set, one column per question (per matrix row), the chosen options'
    labels (multiple choice: joined with “；”, plus one 0/1 column per option so nothing is lost — Decidim
    #6087/#15159). Anonymous surveys carry no name or time; the response id is random."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    d = compile_(survey)
    wb = Workbook()
    ws = wb.active
    ws.title = "答卷"
    head = ["答卷编号", "填写方式"] + ([] if survey.anonymous else ["填写人", "提交时间"])
    cols: list = []
    for q in d.questions:
        if q.kind == Kind.MATRIX:
            for rid, lab in q.rows:
                head.append(f"Q{q.position} {q.text} - {lab}")
                cols.append((q, rid, None))
        elif q.kind == Kind.MULTIPLE:
            head.append(f"Q{q.position} {q.text}")
            cols.append((q, None, None))
            for oid, lab, _ in q.options:
                head.append(f"Q{q.position} [{lab}]")
                cols.append((q, None, oid))
        else:
            head.append(f"Q{q.position} {q.text}")
            cols.append((q, None, None))
    ws.append(head)
    for c in ws[1]:
        c.font = Font(bold=True)
    rows = Response.objects.filter(survey=survey).select_related("respondent").order_by("id")
    for r in rows.iterator(chunk_size=2000):
        line = [str(r.id)[:8], r.get_channel_display()]
        if not survey.anonymous:
            line += [
                (r.respondent.full_name or r.respondent.username) if r.respondent else "",
                timezone.localtime(r.submitted_at).strftime("%Y-%m-%d %H:%M") if r.submitted_at else "",
            ]
        a = r.answers
        for q, rid, oid in cols:
            v = a.get(str(q.id))
            if v is None:
                line.append(None)
            elif q.kind == Kind.MATRIX:
                line.append(_label(q, v.get(str(rid))) if v.get(str(rid)) is not None else None)
            elif q.kind == Kind.MULTIPLE:
                line.append((1 if oid in v else 0) if oid else "；".join(_label(q, x) for x in v))
            elif q.kind == Kind.TEXT:
                line.append(v)
            else:
                line.append(_label(q, v))
        ws.append(line)
    opts = wb.create_sheet("选项")
    opts.append(["题号", "题目", "选项", "分值"])
    for q in d.questions:
        for _, lab, score in q.options:
            opts.append([q.position, q.text, lab, score])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# charts as PNG --------------------------------------------------------------------------------------------------


def _font(size: int):
    from PIL import ImageFont

    for p in FONT_PATHS:
        if Path(p).exists():
            return ImageFont.truetype(p, size)
    return ImageFont.load_default()


COLORS = ["#206bc4", "#2fb344", "#f59f00", "#d63939", "#ae3ec9", "#17a2b8", "#74b816", "#f76707"]


def bar_png(labels: list[str], values: list[float | None], *, title: str = "", unit: str = "%") -> bytes:
    """A horizontal bar chart (Pillow): one bar per option, the value written at its end; None is “<5”."""
    from PIL import Image, ImageDraw

    w, bar, gap, left = 1200, 44, 18, 360
    h = 70 + len(labels) * (bar + gap) + 20
    img = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(img)
    f, ft = _font(26), _font(30)
    draw.text((20, 14), title[:40], fill="#1d273b", font=ft)
    top = max([v for v in values if v is not None] or [1]) or 1
    for i, (lab, v) in enumerate(zip(labels, values, strict=True)):
        y = 70 + i * (bar + gap)
        draw.text((20, y + 8), lab[:12], fill="#1d273b", font=f)
        length = 0 if v is None else int((w - left - 160) * v / top)
        draw.rectangle([left, y, left + max(length, 2), y + bar], fill=COLORS[i % len(COLORS)])
        text = f"<{SMALL_CELL}" if v is None else (f"{v:.1f}{unit}" if unit == "%" else f"{v:g}{unit}")
        draw.text((left + length + 12, y + 8), text, fill="#1d273b", font=f)
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    return buf.getvalue()


# docx -----------------------------------------------------------------------------------------------------------


def docx(survey: Survey, *, crosstabs: list[tuple[str, int]] = ()) -> bytes:
    """The statistical report: a summary, then each question with its chart (PNG), a table of counts,
    shares and 95 % Wilson intervals, matrix rows with mean scores, frequent words of free text; and the
    cross-tabulations asked for (cells under 5 shown as “<5”: the report leaves the office)."""
    from docx import Document
    from docx.shared import Cm, Pt

    from .selectors import response_count

    res = results(survey)
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "宋体"
    style.font.size = Pt(11)
    doc.add_heading(f"{survey.title}统计分析报告", 0)
    n = response_count(survey)
    doc.add_paragraph(
        f"{survey.body.name}。共收回有效问卷 {n} 份"
        + (f"（截止 {timezone.localtime(survey.closes_at):%Y年%m月%d日}）" if survey.closes_at else "")
        + "。百分比以回答该题的人数为分母；多选题按选项分别计数，各项之和可超过 100%；括号内为 95% 置信区间（Wilson 法）。"
    )
    for r in res:
        q = r.question
        doc.add_heading(f"{q.position}. {q.text}（n={r.n}）", level=2)
        if q.kind == Kind.TEXT:
            if r.words:
                doc.add_paragraph("高频词：" + "、".join(f"{w}（{c}）" for w, c in r.words[:15]))
            for t in r.texts[:30]:
                doc.add_paragraph(t, style="List Bullet")
            continue
        if q.kind == Kind.MATRIX:
            labels = [b.label for b in r.blocks]
            top = q.options[0][1] if q.options else ""
            values = [b.cells[0].share * 100 if b.n else 0.0 for b in r.blocks]
            doc.add_picture(io.BytesIO(bar_png(labels, values, title=f"“{top}”比例")), width=Cm(15))
            table = doc.add_table(rows=1, cols=len(q.options) + 3)
            table.style = "Table Grid"
            hdr = table.rows[0].cells
            hdr[0].text = "评价对象"
            for i, (_, lab, _) in enumerate(q.options, 1):
                hdr[i].text = lab
            hdr[-2].text = "n"
            hdr[-1].text = "平均分"
            for b in r.blocks:
                cells = table.add_row().cells
                cells[0].text = b.label
                for i, c in enumerate(b.cells, 1):
                    cells[i].text = f"{c.count}（{c.pct}）"
                cells[-2].text = str(b.n)
                cells[-1].text = "" if b.mean_score is None else f"{b.mean_score:.1f}"
            continue
        b = r.blocks[0]
        doc.add_picture(
            io.BytesIO(bar_png([c.label for c in b.cells], [c.share * 100 for c in b.cells], title=q.text)),
            width=Cm(15),
        )
        table = doc.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for i, t in enumerate(("选项", "人数", "比例", "95% 置信区间")):
            table.rows[0].cells[i].text = t
        for c in b.cells:
            cells = table.add_row().cells
            cells[0].text, cells[1].text, cells[2].text, cells[3].text = (
                c.label,
                str(c.count),
                c.pct,
                c.interval,
            )
        if b.mean_score is not None:
            doc.add_paragraph(f"平均得分：{b.mean_score:.1f}（百分制）")
    for qsel, by in crosstabs:
        ct = crosstab(survey, qsel, by, published_only=True)
        if not ct:
            continue
        doc.add_heading(
            f"交叉分析：{ct['question'].text}{(' · ' + ct['row_label']) if ct['row_label'] else ''} × {ct['by'].text}",
            level=2,
        )
        table = doc.add_table(rows=1, cols=len(ct["columns"]) + 2)
        table.style = "Table Grid"
        hdr = table.rows[0].cells
        hdr[0].text, hdr[1].text = ct["by"].text[:10], "n"
        for i, lab in enumerate(ct["columns"], 2):
            hdr[i].text = lab
        for row in ct["rows"]:
            cells = table.add_row().cells
            cells[0].text = row["label"]
            cells[1].text = f"<{SMALL_CELL}" if row["suppressed"] else str(row["n"])
            for i, c in enumerate(row["cells"], 2):
                cells[i].text = "—" if c.suppressed else c.pct
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
