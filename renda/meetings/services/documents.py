"""Meeting papers: upload checked by content (PDF, docx only; size limit), versions, reads, watermarks.

Every download names its reader: a PDF gets a watermark page drawn with reportlab (its built-in Chinese CID
font STSong-Light, so no font file is needed) merged onto every page with pypdf; a docx gets the reader's name
and time in the header of every section (python-docx). The reader page shows the same text as an overlay.
Whether attendees may download PDFs at all stays a policy switch (`pdf_download`, on by default)."""

import hashlib
import io
import zipfile

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from renda.core import audit
from renda.core.errors import NotPermitted, Refused

from .. import permissions
from ..models import AgendaItem, DocKind, Document, DocumentRead, State
from .meetings import policy_for


def sniff(head: bytes, data_for_zip) -> str | None:
    """The kind a file's bytes say it is: "%PDF-" opens a PDF; a docx is a zip holding word/document.xml and
    [Content_Types].xml. Anything else (a renamed .exe, a .doc, an .xlsx) is None."""
    if head.startswith(b"%PDF-"):
        return DocKind.PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(data_for_zip) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names and "[Content_Types].xml" in names:
            return DocKind.DOCX
    return None


def check(upload: UploadedFile, *, max_mb: int) -> str:
    """The document's kind, or a refusal naming what is wrong (type by content and by name; size)."""
    if upload.size > max_mb * 1024 * 1024:
        raise Refused("document_too_large", f"文件超过{max_mb}MB上限")
    if upload.size == 0:
        raise Refused("document_empty", "文件为空")
    ext = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if ext not in ("pdf", "docx"):
        raise Refused("document_bad_type", "只能上传PDF或Word（.docx）文件")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    kind = sniff(head, upload)
    upload.seek(0)
    if kind is None:
        raise Refused("document_bad_content", "文件内容不是有效的PDF或Word（.docx）文档，请检查后重新上传")
    if kind != ext:
        raise Refused("document_type_mismatch", f"文件扩展名为.{ext}，但内容是{DocKind(kind).label}")
    return kind


@transaction.atomic
def add_document(
    item: AgendaItem, *, title: str, upload: UploadedFile, readers=(), replaces: Document | None = None, by
) -> Document:
    """A paper for an agenda item, or a new version of one (the old one stays, marked 已替换). `readers`
    limits who may read it (empty: every attendee). Refused after the meeting is over, for a paper of
    another item, and for a version that was already replaced."""
    meeting = item.meeting
    permissions.require_manage(by, meeting, action="上传会议材料")
    if meeting.status in (State.APPROVED, State.CANCELLED):
        raise Refused("meeting_over", f"会议{meeting.get_status_display()}，不能再上传材料")
    kind = check(upload, max_mb=policy_for(meeting.body).document_max_mb)
    version = 1
    if replaces is not None:
        replaces = Document.objects.select_for_update().get(pk=replaces.pk)
        if replaces.item_id != item.pk:
            raise Refused("replaces_other_item", "只能替换本议题的材料")
        if Document.objects.filter(replaces=replaces).exists():
            raise Refused("already_replaced", "该版本已被替换，请替换最新版本")
        version = replaces.version + 1
        title = title.strip() or replaces.title
    if not title.strip():
        raise Refused("document_needs_title", "请填写材料名称")
    data = upload.read()
    doc = Document(
        item=item,
        title=title.strip(),
        kind=kind,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        version=version,
        replaces=replaces,
        uploaded_by=by,
    )
    doc.file.save(f"v{version}.{kind}", ContentFile(data), save=False)
    doc.save()
    if readers:
        doc.readers.set(readers)
    elif replaces is not None:
        doc.readers.set(replaces.readers.all())
    audit.record("meeting.add_document", doc, by=by, after={"version": version, "kind": kind})
    return doc


def open_for(document: Document, user, *, download: bool) -> DocumentRead:
    """Check `user` may read it and log the read (the watermark names the same reader and time)."""
    if not permissions.can_read_document(user, document):
        raise NotPermitted("document_not_yours", "您无权阅读该材料")
    meeting = document.item.meeting
    if (
        download
        and document.kind == DocKind.PDF
        and not permissions.can_manage(user, meeting)
        and not policy_for(meeting.body).pdf_download
    ):
        raise Refused("pdf_download_off", "本机关规定PDF材料只能在线阅读（阅读页带阅读人水印），不提供下载")
    return DocumentRead.objects.create(document=document, user=user, download=download)


def watermark_text(user, at) -> str:
    name = getattr(user, "full_name", "") or user.username
    return f"{name} {timezone.localtime(at):%Y-%m-%d %H:%M} 仅供本人阅读"


def watermarked_docx(document: Document, read: DocumentRead) -> bytes:
    """The docx with the reader's name and time in every section's header (and first-page header)."""
    from docx import Document as Docx
    from docx.shared import Pt, RGBColor

    with document.file.open("rb") as f:
        d = Docx(io.BytesIO(f.read()))
    text = watermark_text(read.user, read.at)
    for section in d.sections:
        headers = [section.header]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        for header in headers:
            header.is_linked_to_previous = False
            p = header.add_paragraph()
            run = p.add_run(f"【{text}】")
            run.font.size, run.font.color.rgb = Pt(9), RGBColor(0xC0, 0x30, 0x30)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _stamp(width: float, height: float, text: str) -> bytes:
    """One transparent page of `width` × `height` points carrying `text`: a line along the foot (plain, so
    text extraction and a printout both show it) and the same text repeated diagonally in light grey."""
    from reportlab.lib.colors import Color
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(width, height))
    c.setFillColor(Color(0.75, 0.19, 0.19, alpha=0.85))
    c.setFont("STSong-Light", 8)
    c.drawString(18, 12, f"【{text}】")
    c.setFillColor(Color(0.5, 0.5, 0.5, alpha=0.18))
    c.setFont("STSong-Light", 16)
    c.saveState()
    c.translate(width / 2, height / 2)
    c.rotate(35)
    span = max(width, height)
    for row in range(-4, 5):
        c.drawCentredString(0, row * span / 7, text)
    c.restoreState()
    c.showPage()
    c.save()
    return out.getvalue()


def watermarked_pdf(document: Document, *, user, at) -> bytes:
    """The PDF with the reader's name and time on every page (a stamp page merged on top of each page, one
    stamp per page size; a rotated page is straightened first so the stamp reads upright). An encrypted or
    unreadable PDF is refused rather than handed out without a watermark."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError

    with document.file.open("rb") as f:
        data = f.read()
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise Refused("pdf_encrypted", "该PDF已加密，无法加盖阅读人水印，请工作人员上传未加密版本")
        text = watermark_text(user, at)
        stamps: dict[tuple[float, float], object] = {}
        writer = PdfWriter(clone_from=reader)
        for page in writer.pages:
            page.transfer_rotation_to_content()
            box = page.mediabox
            key = (round(float(box.width), 1), round(float(box.height), 1))
            if key not in stamps:
                stamps[key] = PdfReader(io.BytesIO(_stamp(*key, text))).pages[0]
            page.merge_translated_page(stamps[key], float(box.left), float(box.bottom))
        writer.add_metadata({"/Title": document.title, "/Subject": text})
        out = io.BytesIO()
        writer.write(out)
    except (PdfReadError, ValueError, KeyError) as exc:
        raise Refused("pdf_unreadable", "该PDF无法读取，不能加盖阅读人水印，请工作人员重新上传") from exc
    return out.getvalue()


def docx_paragraphs(document: Document, limit: int = 400) -> list[str]:
    """The text of a docx for the reader page (paragraphs, then table cells)."""
    from docx import Document as Docx

    with document.file.open("rb") as f:
        d = Docx(io.BytesIO(f.read()))
    paras = [p.text for p in d.paragraphs if p.text.strip()]
    for t in d.tables:
        for row in t.rows:
            paras.append(" | ".join(c.text.strip() for c in row.cells))
    return paras[:limit]
