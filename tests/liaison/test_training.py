"""代表学习培训 (seeds 003): sign-in only inside its time (refused outside, nothing recorded), attendance into
the ledger (domain.md §3.2 section 4 学习培训), the deputy's training history."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from renda.core.errors import Refused
from renda.duties.models import DutyRecord
from renda.liaison import selectors, services
from renda.liaison.models import CourseInvitation


def _course(staff, county_body, start_in_minutes: int, hours: int = 3):
    start = timezone.now() + dt.timedelta(minutes=start_in_minutes)
    return services.create_course(
        body=county_body,
        title="新任代表履职培训",
        level="new_deputy",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=hours),
        place="县委党校",
        by=staff,
    )


def test_sign_in_outside_its_time_is_refused_and_records_nothing(
    staff, standing_committee, deputy_user, own_mandate
):
    # issue 20 "Bad input": a training sign-in outside its time → clear error, nothing changed
    course = _course(
        staff, standing_committee, start_in_minutes=120
    )  # opens 30 minutes before (policy default)
    services.invite(course, mandates=[own_mandate], by=staff)
    inv = CourseInvitation.objects.get()
    with pytest.raises(Refused) as exc:
        services.sign_in(inv, by=deputy_user)
    assert exc.value.code == "signin_outside_time"
    inv.refresh_from_db()
    assert inv.signed_in_at is None and not DutyRecord.objects.exists()
    with pytest.raises(Refused):
        services.sign_in(inv, by=deputy_user, at=course.ends_at + dt.timedelta(minutes=1))


def test_sign_in_in_time_is_a_training_duty_once(staff, standing_committee, deputy_user, own_mandate):
    course = _course(staff, standing_committee, start_in_minutes=20)
    services.invite(course, mandates=[own_mandate], by=staff)
    inv = CourseInvitation.objects.get()
    services.sign_in(inv, by=deputy_user)
    rec = DutyRecord.objects.get()
    assert rec.duty_type.code == "training" and rec.mandate == own_mandate
    with pytest.raises(Refused) as exc:
        services.sign_in(inv, by=deputy_user)
    assert exc.value.code == "already_signed_in"
    assert [i.course for i in selectors.training_history(own_mandate)] == [course]


def test_inviting_a_township_deputy_to_the_county_course_is_refused(staff, standing_committee, mandate_a):
    course = _course(staff, standing_committee, start_in_minutes=60)
    with pytest.raises(Refused):
        services.invite(course, mandates=[mandate_a], by=staff)
    assert not CourseInvitation.objects.exists()


def test_staff_register_attendance_from_the_sheet_after_the_start(
    staff, standing_committee, own_mandate, other_mandate
):
    course = _course(staff, standing_committee, start_in_minutes=-60)
    services.invite(course, mandates=[own_mandate, other_mandate], by=staff)
    assert services.register_attendance(course, present=[other_mandate.pk], by=staff) == 1
    assert list(DutyRecord.objects.values_list("mandate_id", flat=True)) == [other_mandate.pk]


def test_a_material_must_be_a_document(staff, standing_committee):
    course = _course(staff, standing_committee, start_in_minutes=60)
    with pytest.raises(Refused):
        services.add_material(course, title="讲义", file=SimpleUploadedFile("a.exe", b"MZ\x00\x00"), by=staff)
    services.add_material(course, title="代表法解读", text="第八条代表的义务", by=staff)
    assert course.materials.count() == 1


def test_the_training_history_shows_in_the_handbook(
    login, staff, standing_committee, deputy_user, own_mandate
):
    course = _course(staff, standing_committee, start_in_minutes=10)
    services.invite(course, mandates=[own_mandate], by=staff)
    services.sign_in(CourseInvitation.objects.get(), by=deputy_user)
    page = login(deputy_user).get(f"/work/liaison/handbook/{own_mandate.pk}/").content.decode()
    assert "新任代表履职培训" in page and "已签到" in page


def test_the_duty_file_shows_the_training_history(login, staff, standing_committee, own_mandate):
    # domain.md §3.2 section 4 学习培训: the duty file's training section lists the courses, signed in or not
    course = _course(staff, standing_committee, start_in_minutes=-30)
    services.invite(course, mandates=[own_mandate], by=staff)
    page = login(staff).get(f"/work/duties/file/{own_mandate.pk}/").content.decode()
    assert "培训经历" in page and "新任代表履职培训" in page and "待签到" in page
