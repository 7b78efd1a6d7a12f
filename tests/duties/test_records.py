"""The one ledger: automatic records, organised activities with bulk attendance, self-declaration and review."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from renda.core.errors import NotPermitted, Refused
from renda.core.models import AuditEntry
from renda.duties import services
from renda.duties.choices import Outcome, Review, Source
from renda.duties.models import Activity, DutyPolicy, DutyRecord
from tests.factories.duties import dtype

TODAY = timezone.localdate()
PAST = TODAY - dt.timedelta(days=20)


def test_automatic_record_is_idempotent_per_source_and_mandate(own_mandate, staff):
    # crossapp contract: one record per source object and mandate
    first = services.record_automatic(
        own_mandate, duty_type_code="suggestion", on=PAST, source=staff, title="建议"
    )
    again = services.record_automatic(
        own_mandate, duty_type_code="suggestion", on=PAST, source=staff, title="建议"
    )
    assert first.pk == again.pk
    assert (
        first.source == Source.AUTOMATIC and first.points == 3
    )  # domain.md §3.3 Jiangbei: each suggestion +3
    assert DutyRecord.objects.count() == 1


def test_automatic_record_outside_mandate_is_refused(own_mandate, staff):
    with pytest.raises(Refused) as exc:
        services.record_automatic(
            own_mandate, duty_type_code="suggestion", on=dt.date(2020, 1, 5), source=staff, title="建议"
        )
    assert exc.value.code == "date_outside_mandate"
    assert not DutyRecord.objects.exists()


def _activity(county, staff, mandates, code="inspection", start=PAST, end=None):
    return services.create_activity(
        body=county,
        duty_type=dtype(county, code),
        title="视察县城污水处理厂",
        start=start,
        end=end,
        convener="县人大常委会办公室",
        participants=mandates,
        by=staff,
    )


def test_bulk_attendance_records_present_leave_and_absent(
    county, staff, own_mandate, other_mandate, deputy_user
):
    third = type(own_mandate).objects.create(
        person=other_mandate.person.__class__.objects.create(name="周代表", gender="M"),
        body=county,
        term=own_mandate.term,
        start_date=own_mandate.start_date,
    )
    act = _activity(
        county, staff, [own_mandate, other_mandate, third], start=TODAY, end=TODAY + dt.timedelta(days=1)
    )
    leave = services.request_leave(own_mandate, activity=act, reason="出差", by=deputy_user)
    services.decide_leave(leave, action="approve", by=staff)
    counts = services.record_attendance(act, present=[other_mandate.pk], by=staff)
    assert counts == {"attended": 1, "leave": 1, "absent": 1}
    outcomes = dict(DutyRecord.objects.values_list("mandate_id", "outcome"))
    assert outcomes == {
        own_mandate.pk: Outcome.LEAVE,
        other_mandate.pk: Outcome.ATTENDED,
        third.pk: Outcome.ABSENT,
    }
    assert DutyRecord.objects.get(mandate=third).points == -5


def test_second_attendance_entry_is_refused_and_changes_nothing(county, staff, own_mandate):
    act = _activity(county, staff, [own_mandate])
    services.record_attendance(act, present=[own_mandate.pk], by=staff)
    with pytest.raises(Refused) as exc:
        services.record_attendance(act, present=[], by=staff)
    assert exc.value.code == "attendance_already_recorded"
    assert DutyRecord.objects.get().outcome == Outcome.ATTENDED


def test_participants_change_until_attendance_is_taken_then_stay(
    county, staff, own_mandate, other_mandate, mandate_a
):
    """domain.md §3.1: the expected list decides who is absent; once attendance is recorded it is the record."""
    act = _activity(county, staff, [own_mandate])
    services.change_participants(act, add=[other_mandate])
    services.change_participants(act, remove=[own_mandate])
    assert set(act.participants.all()) == {other_mandate}
    with pytest.raises(Refused) as exc:
        services.change_participants(act, add=[mandate_a])  # a township deputy in a county activity
    assert exc.value.code == "participant_other_body"
    assert set(act.participants.all()) == {other_mandate}
    services.record_attendance(act, present=[other_mandate.pk], by=staff)
    act.refresh_from_db()
    services.change_participants(act, remove=[other_mandate])
    assert set(act.participants.all()) == {other_mandate}


def test_attendance_by_staff_of_another_township_is_refused(township_a, outsider, township_staff, mandate_a):
    act = services.create_activity(
        body=township_a,
        duty_type=dtype(township_a, "group_activity"),
        title="小组活动",
        start=PAST,
        participants=[mandate_a],
        by=township_staff,
    )
    with pytest.raises(NotPermitted):
        services.record_attendance(act, present=[mandate_a.pk], by=outsider)
    assert not DutyRecord.objects.exists()


def test_declaration_with_image_waits_for_review_and_counts_once_approved(
    own_mandate, deputy_user, staff, png_bytes
):
    rec = services.declare(
        own_mandate,
        duty_type=dtype(own_mandate.body, "voter_contact"),
        on=PAST,
        title="走访联系户",
        evidence_file=SimpleUploadedFile("a.png", png_bytes),
        by=deputy_user,
    )
    assert rec.status == Review.PENDING and rec.evidence.name.endswith(".png")
    services.review(rec, action="approve", by=staff)
    rec.refresh_from_db()
    assert rec.status == Review.APPROVED and rec.reviewed_by == staff  # domain.md §3.3 申报审核制


def test_reject_needs_a_reason(own_mandate, deputy_user, staff):
    rec = services.declare(
        own_mandate,
        duty_type=dtype(own_mandate.body, "training"),
        on=PAST,
        title="培训",
        evidence_text="参加县人大代表履职培训班",
        by=deputy_user,
    )
    with pytest.raises(Refused) as exc:
        services.review(rec, action="reject", reason=" ", by=staff)
    assert exc.value.code == "reject_needs_reason"
    rec.refresh_from_db()
    assert rec.status == Review.PENDING
    services.review(rec, action="reject", reason="请补充培训签到照片", by=staff)
    rec.refresh_from_db()
    assert rec.status == Review.REJECTED and rec.reject_reason == "请补充培训签到照片"


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("a.png", b"GIF89a not really an image", "evidence_not_allowed"),
        ("evil.pdf", b"MZ\x90\x00 executable", "evidence_not_allowed"),
        ("fake.jpg", b"\xff\xd8\xff broken jpeg", "evidence_not_allowed"),
    ],
)
def test_evidence_that_is_not_an_image_or_document_is_refused(own_mandate, deputy_user, name, content, code):
    with pytest.raises(Refused) as exc:
        services.declare(
            own_mandate,
            duty_type=dtype(own_mandate.body, "training"),
            on=PAST,
            title="培训",
            evidence_file=SimpleUploadedFile(name, content),
            by=deputy_user,
        )
    assert exc.value.code == code
    assert not DutyRecord.objects.exists()


def test_evidence_photo_is_stored_without_its_location(own_mandate, deputy_user):
    # domain.md §7.2: a location track is sensitive personal information; deputies' photos as voters' are
    import io

    from PIL import Image

    from renda.core.images import GPS_TAG

    exif = Image.Exif()
    exif[0x010F] = "TestCam"  # Make
    exif[GPS_TAG] = {1: "N", 2: (29.0, 36.0, 0.0), 3: "E", 4: (115.0, 42.0, 0.0)}
    raw = io.BytesIO()
    Image.new("RGB", (40, 30), "blue").save(raw, format="JPEG", exif=exif.tobytes())
    rec = services.declare(
        own_mandate,
        duty_type=dtype(own_mandate.body, "training"),
        on=PAST,
        title="培训",
        evidence_file=SimpleUploadedFile("签到.jpg", raw.getvalue()),
        by=deputy_user,
    )
    with rec.evidence.open("rb") as f, Image.open(f) as stored:
        kept = stored.getexif()
        assert stored.format == "JPEG" and stored.size == (40, 30)
    assert GPS_TAG not in kept and kept.get(0x010F) == "TestCam"
    assert rec.evidence.name.endswith(".jpg")


@pytest.mark.parametrize("side", [(10_000, 5_000), (100_000, 100_000)])  # over ours; over Pillow's own limit
def test_evidence_picture_of_too_many_pixels_is_refused_before_decoding(own_mandate, deputy_user, side):
    # A PNG header claiming that many pixels: decoding it would take gigabytes of memory.
    from tests.factories.images import png_header

    bomb = png_header(*side)
    with pytest.raises(Refused) as exc:
        services.declare(
            own_mandate,
            duty_type=dtype(own_mandate.body, "training"),
            on=PAST,
            title="培训",
            evidence_file=SimpleUploadedFile("大图.png", bomb),
            by=deputy_user,
        )
    assert exc.value.code == "evidence_pixels"
    assert not DutyRecord.objects.exists()


def test_evidence_too_large_is_refused(own_mandate, deputy_user):
    DutyPolicy.objects.update_or_create(body=own_mandate.body, defaults={"evidence_max_mb": 1})
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1))
    with pytest.raises(Refused) as exc:
        services.declare(
            own_mandate,
            duty_type=dtype(own_mandate.body, "training"),
            on=PAST,
            title="培训",
            evidence_file=big,
            by=deputy_user,
        )
    assert exc.value.code == "evidence_too_large"
    assert not DutyRecord.objects.exists()


def test_duplicate_declaration_is_refused(own_mandate, deputy_user):
    kw = {
        "duty_type": dtype(own_mandate.body, "training"),
        "on": PAST,
        "title": "培训",
        "evidence_text": "签到表",
        "by": deputy_user,
    }
    services.declare(own_mandate, **kw)
    with pytest.raises(Refused) as exc:
        services.declare(own_mandate, **kw)
    assert exc.value.code == "duplicate_registration"
    assert DutyRecord.objects.count() == 1


def test_declaration_outside_mandate_is_refused(own_mandate, deputy_user):
    with pytest.raises(Refused) as exc:
        services.declare(
            own_mandate,
            duty_type=dtype(own_mandate.body, "training"),
            on=dt.date(2020, 3, 1),
            title="培训",
            evidence_text="x",
            by=deputy_user,
        )
    assert exc.value.code == "date_outside_mandate"
    assert not DutyRecord.objects.exists()


def test_deputy_cannot_declare_for_someone_else(other_mandate, deputy_user):
    with pytest.raises(NotPermitted):
        services.declare(
            other_mandate,
            duty_type=dtype(other_mandate.body, "training"),
            on=PAST,
            title="培训",
            evidence_text="x",
            by=deputy_user,
        )
    assert not DutyRecord.objects.exists()


def test_refusal_is_audited_by_pages_not_by_services(own_mandate, deputy_user):
    n = AuditEntry.objects.count()
    with pytest.raises(Refused):
        services.declare(
            own_mandate, duty_type=dtype(own_mandate.body, "training"), on=PAST, title="x", by=deputy_user
        )
    assert AuditEntry.objects.count() == n
    assert not Activity.objects.exists()


def test_a_rejected_declaration_reaches_the_deputys_inbox(
    own_mandate, deputy_user, staff, django_capture_on_commit_callbacks
):
    from renda.notify.models import Notification

    rec = services.declare(
        own_mandate,
        duty_type=dtype(own_mandate.body, "training"),
        on=PAST,
        title="培训",
        evidence_text="签到表",
        by=deputy_user,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.review(rec, action="reject", reason="请补充照片", by=staff)
    note = Notification.objects.get(user=deputy_user)
    assert "退回" in note.title and "请补充照片" in note.body
