"""Meeting papers: type by content, size limit, versions, access per attendee, watermarks."""

import io

import pytest
from django.utils import timezone

from renda.core.errors import NotPermitted, Refused
from renda.meetings import services
from renda.meetings.models import Document, DocumentRead, MeetingPolicy
from renda.meetings.services import documents

from .conftest import docx_bytes, pdf_bytes, upload, zip_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(meeting):
    return meeting.items.get()


def test_pdf_and_docx_are_accepted_by_content(item, staff):
    p = services.add_document(item, title="报告", upload=upload("a.pdf", pdf_bytes()), by=staff)
    d = services.add_document(item, title="说明", upload=upload("b.DOCX", docx_bytes()), by=staff)
    assert (p.kind, d.kind) == ("pdf", "docx")
    assert len(p.sha256) == 64 and p.size > 0


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("evil.pdf", b"MZ\x90\x00 this is an exe", "document_bad_content"),
        ("sheet.docx", zip_bytes(), "document_bad_content"),  # a zip, but no word/document.xml
        ("old.doc", b"\xd0\xcf\x11\xe0 legacy word", "document_bad_type"),
        ("a.docx", pdf_bytes(), "document_type_mismatch"),  # a PDF renamed .docx
        ("empty.pdf", b"", "document_empty"),
    ],
    ids=[
        "exe-named-pdf",
        "zip-without-document",
        "legacy-doc",
        "pdf-named-docx",
        "empty",
    ],  # the PDF's bytes vary
)
def test_a_document_of_the_wrong_type_is_refused(item, staff, name, data, code):
    with pytest.raises(Refused) as e:
        services.add_document(item, title="x", upload=upload(name, data), by=staff)
    assert e.value.code == code
    assert not Document.objects.exists()


def test_the_size_limit_is_the_bodys_policy(item, staff, standing_committee):
    MeetingPolicy.objects.create(body=standing_committee, document_max_mb=1)
    big = b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1)
    with pytest.raises(Refused) as e:
        services.add_document(item, title="x", upload=upload("big.pdf", big), by=staff)
    assert e.value.code == "document_too_large"


def test_a_new_version_keeps_the_old_one_marked_replaced(item, staff):
    v1 = services.add_document(item, title="报告", upload=upload("a.pdf", pdf_bytes()), by=staff)
    v2 = services.add_document(item, title="", upload=upload("a2.pdf", pdf_bytes()), replaces=v1, by=staff)
    v1.refresh_from_db()
    assert v2.version == 2 and v2.title == "报告" and v1.replaced and not v2.replaced
    assert item.documents.count() == 2
    with pytest.raises(Refused) as e:
        services.add_document(item, title="", upload=upload("a3.pdf", pdf_bytes()), replaces=v1, by=staff)
    assert e.value.code == "already_replaced"


def test_access_per_attendee(item, staff, members, deputy_user, outsider):
    d = services.add_document(
        item, title="人事材料", upload=upload("a.pdf", pdf_bytes()), readers=[members[0]], by=staff
    )
    assert documents.open_for(d, members[0], download=False)
    with pytest.raises(NotPermitted):
        documents.open_for(d, deputy_user, download=False)  # called, but not named on this paper
    with pytest.raises(NotPermitted):
        documents.open_for(d, outsider, download=False)
    assert DocumentRead.objects.filter(document=d).count() == 1


def _pages_text(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]


def test_a_downloaded_pdf_names_its_reader_and_time_on_every_page(item, staff, members):
    # issue 17: "a watermark with the reader's name on download" — every page, original text kept
    from renda.meetings.demo_files import pdf

    src = pdf("三页材料", [f"第{k}段正文内容" * 12 for k in range(1, 30)])
    assert len(_pages_text(src)) >= 2
    p = services.add_document(item, title="报告", upload=upload("a.pdf", src), by=staff)
    read = documents.open_for(p, members[0], download=True)
    stamped = documents.watermarked_pdf(p, user=read.user, at=read.at)
    when = f"{timezone.localtime(read.at):%Y-%m-%d %H:%M}"
    original, pages = _pages_text(src), _pages_text(stamped)
    assert len(pages) == len(original)
    for before, after in zip(original, pages, strict=True):
        assert "委员0" in after and when in after and "仅供本人阅读" in after
        assert before.strip()[:20] in after  # the page's own text survives the merge
    assert "委员0" not in "".join(original)


def test_a_body_may_still_forbid_pdf_downloads(item, staff, members, standing_committee):
    MeetingPolicy.objects.create(body=standing_committee, pdf_download=False)
    p = services.add_document(item, title="报告", upload=upload("a.pdf", pdf_bytes()), by=staff)
    with pytest.raises(Refused) as e:
        documents.open_for(p, members[0], download=True)
    assert e.value.code == "pdf_download_off"
    assert not DocumentRead.objects.filter(download=True).exists()


def test_an_encrypted_pdf_is_not_handed_out_unstamped(item, staff, members):
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    w.encrypt(user_password="secret", owner_password="owner")
    buf = io.BytesIO()
    w.write(buf)
    p = services.add_document(item, title="加密", upload=upload("e.pdf", buf.getvalue()), by=staff)
    with pytest.raises(Refused) as e:
        documents.watermarked_pdf(p, user=members[0], at=timezone.now())
    assert e.value.code == "pdf_encrypted"


def test_a_docx_download_carries_the_readers_name(item, staff, members):
    from docx import Document as Docx

    d = services.add_document(item, title="说明", upload=upload("b.docx", docx_bytes()), by=staff)
    read = documents.open_for(d, members[0], download=True)
    out = Docx(io.BytesIO(documents.watermarked_docx(d, read)))
    header = " ".join(p.text for p in out.sections[0].header.paragraphs)
    assert "委员0" in header and "仅供本人阅读" in header


def test_the_pdf_download_and_frame_are_stamped_through_the_screens(item, staff, members, login):
    p = services.add_document(item, title="报告", upload=upload("a.pdf", pdf_bytes()), by=staff)
    c = login(members[0])
    assert "每页带阅读人水印" in c.get(f"/work/meetings/documents/{p.pk}/").content.decode()
    for url in (f"/work/meetings/documents/{p.pk}/download/", f"/work/meetings/documents/{p.pk}/file/"):
        r = c.get(url)
        assert r.status_code == 200 and r["Content-Type"] == "application/pdf", url
        (page,) = _pages_text(r.content)
        assert "委员0" in page and "第一段" in page


def test_reader_page_and_download_through_the_screens(item, staff, members, login, outsider):
    d = services.add_document(item, title="说明", upload=upload("b.docx", docx_bytes()), by=staff)
    c = login(members[0])
    page = c.get(f"/work/meetings/documents/{d.pk}/")
    assert (
        page.status_code == 200 and "委员0" in page.content.decode() and "第一段正文" in page.content.decode()
    )
    r = c.get(f"/work/meetings/documents/{d.pk}/download/")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert login(outsider).get(f"/work/meetings/documents/{d.pk}/").status_code == 404


def test_a_bad_upload_on_the_page_is_refused_in_place(meeting, staff, login):
    c = login(staff)
    item = meeting.items.get()
    r = c.post(
        f"/work/meetings/{meeting.pk}/documents/",
        {"item": item.pk, "title": "x", "file": upload("evil.pdf", b"MZ not a pdf")},
    )
    assert r.status_code == 422
    assert "不是有效的PDF" in r.content.decode()
    assert not Document.objects.exists()
