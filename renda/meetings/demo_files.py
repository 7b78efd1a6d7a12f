"""Small PDF and docx papers for the demo meetings (reportlab with its built-in Chinese CID font; python-docx)."""

import io


def pdf(title: str, paragraphs: list[str]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    w, h = A4
    c.setFont("STSong-Light", 18)
    c.drawCentredString(w / 2, h - 80, title)
    c.setFont("STSong-Light", 12)
    y = h - 130
    for para in paragraphs:
        for k in range(0, len(para), 36):
            c.drawString(60, y, para[k : k + 36])
            y -= 22
            if y < 60:
                c.showPage()
                c.setFont("STSong-Light", 12)
                y = h - 60
        y -= 8
    c.save()
    return out.getvalue()


def docx(title: str, paragraphs: list[str]) -> bytes:
    from docx import Document

    d = Document()
    d.add_heading(title, level=1)
    for para in paragraphs:
        d.add_paragraph(para)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()
