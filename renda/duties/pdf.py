"""The duty file as a PDF that prints well in Chinese: reportlab with an embedded CJK TrueType font.

reportlab embeds TrueType outlines only; Noto CJK (fonts-noto-cjk) is CFF/OpenType and cannot be used, so
we look for a TrueType CJK font (fonts-wqy-zenhei, fonts-arphic-uming, fonts-droid-fallback) or the file
named by RENDA_PDF_FONT, and refuse with a clear message when none is installed.
"""

import io
import os
from pathlib import Path

from renda.core.errors import Refused

from .services.duty_file import DutyFile

CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)
FONT = "RendaCJK"


def font_path() -> Path:
    configured = os.environ.get("RENDA_PDF_FONT", "")
    for candidate in ([configured] if configured else []) + list(CANDIDATES):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise Refused(
        "pdf_font_missing",
        "服务器未安装可嵌入的中文 TrueType 字体，无法生成 PDF。请安装 fonts-wqy-zenhei，"
        "或用环境变量 RENDA_PDF_FONT 指定 .ttf/.ttc 字体文件",
    )


def _register() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    path = font_path()
    try:
        pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0))
    except Exception as exc:  # a CFF-outline font, a broken file
        raise Refused(
            "pdf_font_unusable", f"字体文件 {path} 无法嵌入 PDF（需要 TrueType 轮廓的中文字体）"
        ) from exc


def render(f: DutyFile) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    _register()
    title = ParagraphStyle("t", fontName=FONT, fontSize=18, leading=26, alignment=1, spaceAfter=4 * mm)
    sub = ParagraphStyle("s", fontName=FONT, fontSize=10, leading=14, alignment=1, textColor=colors.grey)
    h = ParagraphStyle("h", fontName=FONT, fontSize=13, leading=18, spaceBefore=5 * mm, spaceAfter=2 * mm)
    cell = ParagraphStyle("c", fontName=FONT, fontSize=9.5, leading=13, wordWrap="CJK")
    empty = ParagraphStyle("e", fontName=FONT, fontSize=9.5, leading=13, textColor=colors.grey)

    def table(rows, widths):
        t = Table([[Paragraph(str(c), cell) for c in r] for r in rows], colWidths=widths, repeatRows=1)
        t.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#888888")),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f5")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return t

    m = f.mandate
    story = [
        Paragraph(f"{m.person.name} 代表履职档案", title),
        Paragraph(f"{m.body} · {m.term}", sub),
        Spacer(1, 4 * mm),
    ]
    for section in f.sections:
        story.append(Paragraph(section.title, h))
        if section.key == "basic":
            pairs = section.rows
            rows = [
                [
                    pairs[i][0],
                    pairs[i][1],
                    pairs[i + 1][0] if i + 1 < len(pairs) else "",
                    pairs[i + 1][1] if i + 1 < len(pairs) else "",
                ]
                for i in range(0, len(pairs), 2)
            ]
            t = table(rows, [28 * mm, 57 * mm, 28 * mm, 57 * mm])
            t.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), colors.white)]))
            story.append(t)
            story.append(Spacer(1, 2 * mm))
            story.append(
                table(
                    [["年度", "积分", "等次", "履职次数", "缺席"]]
                    + [[y["year"], y["total"], y["band"] or "—", y["acts"], y["absent"]] for y in f.years],
                    [30 * mm, 35 * mm, 35 * mm, 35 * mm, 35 * mm],
                )
            )
        elif section.key == "awards":
            if section.rows:
                story.append(
                    table(
                        [["日期", "表彰名称", "授予机关"]]
                        + [[f"{a.on:%Y-%m-%d}", a.title, a.issuer] for a in section.rows],
                        [30 * mm, 85 * mm, 55 * mm],
                    )
                )
            else:
                story.append(Paragraph("无", empty))
        else:
            if section.rows:
                story.append(
                    table(
                        [["日期", "类型", "事项", "情况"]]
                        + [
                            [f"{r.on:%Y-%m-%d}", r.duty_type.name, r.title, r.situation] for r in section.rows
                        ],
                        [25 * mm, 38 * mm, 82 * mm, 25 * mm],
                    )
                )
            else:
                story.append(Paragraph("无", empty))
            if section.key == "voters" and f.meetings:
                story.append(Spacer(1, 2 * mm))
                story.append(
                    table(
                        [["日期", "述职会", "满意", "基本满意", "不满意", "满意率"]]
                        + [
                            [
                                f"{r['meeting'].on:%Y-%m-%d}",
                                r["meeting"].title,
                                r["satisfied"],
                                r["basic"],
                                r["unsatisfied"],
                                r["rate"],
                            ]
                            for r in f.meetings
                        ],
                        [25 * mm, 65 * mm, 18 * mm, 22 * mm, 20 * mm, 20 * mm],
                    )
                )

    def footer(canvas, doc):
        canvas.setFont(FONT, 8)
        canvas.setFillColor(colors.grey)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"{m.person.name} 代表履职档案 · 第 {doc.page} 页")

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"{m.person.name} 代表履职档案",
        author="renda",
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()
