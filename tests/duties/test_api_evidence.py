"""Self-declaration with an evidence file through the API (issue 8: "self-declaration by the deputy with evidence
(photo, text) reviewed by staff"; "API: duty records … in /api/v1/"): the same service as the page, so the same
checks (type by content, the body's size limit, duplicates, the mandate's dates) and the file stored as the page
stores it; bad input gets a clear error and changes nothing (issue 8 "Bad input")."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from renda.core.images import GPS_TAG
from renda.duties.choices import Review, Source
from renda.duties.models import DutyPolicy, DutyRecord
from tests.factories.duties import dtype

URL = "/api/v1/duty-records/with-evidence"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _day(days_ago: int = 2) -> str:
    return (timezone.localdate() - dt.timedelta(days=days_ago)).isoformat()


def _form(mandate, **over) -> dict:
    data = {
        "mandate_id": mandate.pk,
        "duty_type": "voter_contact",
        "on": _day(),
        "title": "走访联系户",
        "note": "了解加装电梯意见",
    }
    data.update(over)
    return data


def _photo_with_location() -> bytes:
    """A JPEG carrying EXIF with a GPS block, as a phone camera writes it."""
    img = Image.new("RGB", (8, 8), "green")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (30.0, 15.0, 0.0), 3: "E", 4: (120.0, 10.0, 0.0)}  # GPSInfo
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif.tobytes())
    return buf.getvalue()


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def test_a_deputy_declares_with_a_photo_and_it_waits_for_review(login, deputy_user, own_mandate, png_bytes):
    resp = login(deputy_user).post(
        URL, {**_form(own_mandate), "evidence": SimpleUploadedFile("visit.png", png_bytes)}
    )
    assert resp.status_code == 200, resp.content
    body = resp.json()
    assert body["status"] == "pending" and body["source"] == "declared" and body["has_evidence_file"]
    rec = DutyRecord.objects.get(pk=body["id"])
    assert rec.source == Source.DECLARED and rec.status == Review.PENDING
    assert rec.evidence.name.endswith(".png") and rec.evidence.read() == png_bytes
    # staff review it like any declaration, and the file is served from the record page's link
    assert login(deputy_user).get(f"/work/duties/records/{rec.pk}/evidence/").status_code == 200


def test_the_api_stores_a_photo_exactly_as_the_page_does_without_its_location(
    login, deputy_user, own_mandate
):
    # domain.md §7.2: both paths drop the GPS block and keep the other EXIF fields
    raw = _photo_with_location()
    client = login(deputy_user)
    page = client.post(
        "/work/duties/declare/",
        {
            "mandate": own_mandate.pk,
            "duty_type": dtype(own_mandate.body, "voter_contact").pk,
            "on": _day(),
            "title": "网页申报",
            "evidence_file": SimpleUploadedFile("p.jpg", raw),
        },
    )
    assert page.status_code == 302
    api = client.post(
        URL, {**_form(own_mandate, title="接口申报"), "evidence": SimpleUploadedFile("p.jpg", raw)}
    )
    assert api.status_code == 200, api.content
    by_page = DutyRecord.objects.get(title="网页申报").evidence.read()
    by_api = DutyRecord.objects.get(title="接口申报").evidence.read()
    assert by_api == by_page
    sent = dict(Image.open(io.BytesIO(raw)).getexif())
    with Image.open(io.BytesIO(by_api)) as img:
        stored = dict(img.getexif())
    assert GPS_TAG in sent and GPS_TAG not in stored
    assert stored == {k: v for k, v in sent.items() if k != GPS_TAG}


def test_a_word_document_is_accepted_and_named_by_what_it_is(login, deputy_user, own_mandate):
    resp = login(deputy_user).post(
        URL, {**_form(own_mandate), "evidence": SimpleUploadedFile("签到表.pdf", _docx())}
    )
    assert resp.status_code == 200, resp.content
    assert DutyRecord.objects.get().evidence.name.endswith("/签到表.docx")


def test_a_file_name_made_only_of_symbols_is_stored_under_a_plain_name(
    login, deputy_user, own_mandate, png_bytes
):
    resp = login(deputy_user).post(
        URL, {**_form(own_mandate), "evidence": SimpleUploadedFile("@@@", png_bytes)}
    )
    assert resp.status_code == 200, resp.content
    assert DutyRecord.objects.get().evidence.name.endswith("/佐证材料.png")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("x.png", b"<?php echo 1; ?>"),
        ("a.png", b"GIF89a not really an image"),
        ("evil.pdf", b"MZ\x90\x00 executable"),
        ("fake.jpg", b"\xff\xd8\xff broken jpeg"),
        ("fake.docx", b"PK\x03\x04 not a zip at all"),
    ],
)
def test_a_file_that_is_not_an_image_or_document_is_refused_by_content(
    login, deputy_user, own_mandate, tmp_path, name, content
):
    resp = login(deputy_user).post(URL, {**_form(own_mandate), "evidence": SimpleUploadedFile(name, content)})
    assert resp.status_code == 409 and resp.json()["code"] == "evidence_not_allowed"
    assert "佐证材料" in resp.json()["message"] or "图片" in resp.json()["message"]
    assert not DutyRecord.objects.exists() and not any(tmp_path.rglob("*.*"))


def test_a_file_over_the_bodys_limit_is_refused(login, deputy_user, own_mandate, png_bytes, tmp_path):
    DutyPolicy.objects.update_or_create(body=own_mandate.body, defaults={"evidence_max_mb": 1})
    big = png_bytes + b"\0" * (1024 * 1024)
    resp = login(deputy_user).post(
        URL, {**_form(own_mandate), "evidence": SimpleUploadedFile("big.png", big)}
    )
    assert resp.status_code == 409 and resp.json() == {
        "code": "evidence_too_large",
        "message": "佐证材料不能超过 1 MB",
    }
    assert not DutyRecord.objects.exists() and not any(tmp_path.rglob("*.png"))


def test_the_pages_other_rules_hold_too(login, deputy_user, own_mandate, other_mandate, staff, png_bytes):
    client = login(deputy_user)

    def post(mandate, **over):
        return client.post(
            URL, {**_form(mandate, **over), "evidence": SimpleUploadedFile("v.png", png_bytes)}
        )

    assert post(own_mandate).status_code == 200
    again = post(own_mandate)
    assert again.status_code == 409 and again.json()["code"] == "duplicate_registration"
    assert post(own_mandate, on=_day(-3), title="明天").json()["code"] == "date_in_future"
    assert post(own_mandate, on="2020-01-01", title="任期前").json()["code"] == "date_outside_mandate"
    assert (
        post(own_mandate, duty_type="congress_session", title="大会").json()["code"] == "type_not_declarable"
    )
    assert post(own_mandate, duty_type="no_such_type", title="未知").json()["code"] == "unknown_duty_type"
    assert post(other_mandate, title="别人的").status_code == 404  # not in a deputy's own scope
    by_staff = login(staff).post(
        URL, {**_form(own_mandate, title="代申报"), "evidence": SimpleUploadedFile("v.png", png_bytes)}
    )
    assert by_staff.status_code == 403 and by_staff.json()["code"] == "not_your_mandate"
    assert DutyRecord.objects.count() == 1


@pytest.mark.parametrize(
    "over",
    [
        {"title": "走访\x00联系户"},
        {"note": "说明\x00"},
        {"evidence_text": "\x00"},
        {"title": "长" * 201},
        {"note": "长" * 2001},
        {"duty_type": "x" * 41},
        {"title": ""},
        {"on": "0"},
        {"on": "2025-02-30"},
        {"mandate_id": "0"},
        {"mandate_id": str(2**63)},
    ],
)
def test_unbounded_or_nul_fields_get_422_and_change_nothing(login, deputy_user, own_mandate, png_bytes, over):
    resp = login(deputy_user).post(
        URL, {**_form(own_mandate, **over), "evidence": SimpleUploadedFile("v.png", png_bytes)}
    )
    assert resp.status_code == 422, resp.content
    assert not DutyRecord.objects.exists()


def test_the_file_is_required(login, deputy_user, own_mandate):
    resp = login(deputy_user).post(URL, _form(own_mandate))
    assert resp.status_code == 422
    assert not DutyRecord.objects.exists()


def test_signed_out_callers_are_refused(client, own_mandate, png_bytes):
    resp = client.post(URL, {**_form(own_mandate), "evidence": SimpleUploadedFile("v.png", png_bytes)})
    assert resp.status_code == 401
    assert not DutyRecord.objects.exists()


def test_openapi_documents_the_multipart_operation_bounded_with_its_errors(client):
    op = client.get("/api/v1/openapi.json").json()["paths"][URL]["post"]
    assert {"200", "400", "401", "403", "404", "409", "422"} <= set(op["responses"])
    schema = op["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert set(schema["required"]) >= {"evidence", "mandate_id", "duty_type", "on", "title"}
    props = schema["properties"]
    assert props["evidence"]["format"] == "binary"
    for name in ("duty_type", "title", "note", "evidence_text"):
        assert props[name]["maxLength"] and props[name]["pattern"] == "^[^\\x00]*$", name
    assert props["mandate_id"]["minimum"] == 1 and props["mandate_id"]["maximum"] == 2**62
