"""The duty file as a Word document (python-docx), with an East Asian font set so Word shows Chinese well."""

import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from .services.duty_file import DutyFile

FONT = "宋体"


def _table(doc, header: list[str], rows: list[list]) -> None:
    t = doc.add_table(rows=1, cols=len(header))
    t.style = "Table Grid"
    for cell, text in zip(t.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        cells = t.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = str(value)


def render(f: DutyFile) -> bytes:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    for name in ("Title", "Heading 1", "Heading 2"):
        doc.styles[name].element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "黑体")
    m = f.mandate
    doc.add_heading(f"{m.person.name} 代表履职档案", level=0)
    doc.add_paragraph(f"{m.body} · {m.term}")
    for section in f.sections:
        doc.add_heading(section.title, level=1)
        if section.key == "basic":
            _table(doc, ["项目", "内容"], [list(p) for p in section.rows])
            doc.add_paragraph()
            _table(
                doc,
                ["年度", "积分", "等次", "履职次数", "缺席"],
                [[y["year"], y["total"], y["band"] or "—", y["acts"], y["absent"]] for y in f.years],
            )
        elif section.key == "awards":
            if section.rows:
                _table(
                    doc,
                    ["日期", "表彰名称", "授予机关"],
                    [[f"{a.on:%Y-%m-%d}", a.title, a.issuer] for a in section.rows],
                )
            else:
                doc.add_paragraph("无")
        else:
            if section.rows:
                _table(
                    doc,
                    ["日期", "类型", "事项", "情况"],
                    [[f"{r.on:%Y-%m-%d}", r.duty_type.name, r.title, r.situation] for r in section.rows],
                )
            else:
                doc.add_paragraph("无")
            if section.key == "voters" and f.meetings:
                doc.add_paragraph()
                _table(
                    doc,
                    ["日期", "述职会", "满意", "基本满意", "不满意", "满意率"],
                    [
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
                )
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
