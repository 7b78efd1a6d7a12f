"""代表学习培训 (seeds 003: 依托党校成立代表培训中心；集中、分选区、会议活动培训; seeds 001: 换届后新任培训).

Sign-in opens `signin_open_minutes` before the course and closes when it ends (policy); a signed-in deputy
gets a duty record of type training (domain.md §3.2 section 4 学习培训)."""

from collections.abc import Iterable
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from renda.core import audit
from renda.core.errors import Refused

from .. import permissions
from ..models import Course, CourseInvitation, CourseMaterial
from .common import policy_for, record_duties, require_deputies_of, require_text


@transaction.atomic
def create_course(
    *,
    body,
    title: str,
    level: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str = "",
    hours: Decimal = Decimal(4),
    content: str = "",
    by,
) -> Course:
    permissions.require_manage(by, body, action="举办培训")
    title = require_text(title, "title_required", "请填写培训名称")
    if ends_at <= starts_at:
        raise Refused("course_end_before_start", "培训结束时间应晚于开始时间")
    row = Course.objects.create(
        body=body,
        title=title,
        level=level,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        hours=hours,
        content=content.strip(),
        created_by=by,
    )
    audit.record("liaison.course_create", row, by=by, after={"level": level})
    return row


@transaction.atomic
def invite(course: Course, *, mandates: Iterable, by) -> int:
    """Invite deputies of the course's congress (or, for a township's course, its own deputies); the ones
    already invited are skipped. Each invited deputy is told in the inbox, once."""
    permissions.require_manage(by, course.body, action="邀请参训")
    people = require_deputies_of(mandates, course.body)
    have = set(course.invitations.values_list("mandate_id", flat=True))
    new = [m for m in people if m.pk not in have]
    CourseInvitation.objects.bulk_create(CourseInvitation(course=course, mandate=m) for m in new)
    audit.record("liaison.course_invite", course, by=by, after={"invited": len(new)})
    users = [m.person.user_id for m in new]
    start = timezone.localtime(course.starts_at)

    def send() -> None:
        from renda.notify.services import send_many

        send_many(
            users,
            title=f"培训通知：{course.title}"[:200],
            body=f"{start:%Y-%m-%d %H:%M} 在{course.place}。开课前可在手机上签到。",
            url="/work/liaison/my/",
            dedupe_key=f"liaison:course:{course.pk}",
        )

    transaction.on_commit(send)
    return len(new)


def signin_window(course: Course) -> tuple[datetime, datetime]:
    opens = course.starts_at - timedelta(minutes=policy_for(course.body).signin_open_minutes)
    return opens, course.ends_at


@transaction.atomic
def sign_in(invitation: CourseInvitation, *, by, at: datetime | None = None) -> CourseInvitation:
    """The deputy signs in on the phone. Refuses outside the sign-in window and a second sign-in."""
    invitation = (
        CourseInvitation.objects.select_for_update()
        .select_related("course", "mandate__person")
        .get(pk=invitation.pk)
    )
    permissions.require_own(by, invitation.mandate, action="培训签到")
    return _sign(invitation, at or timezone.now(), by=by, check_window=True)


@transaction.atomic
def register_attendance(course: Course, *, present: Iterable[int], by) -> int:
    """Staff enter attendance from the paper sign-in sheet once the course has begun (补登)."""
    permissions.require_manage(by, course.body, action="登记培训出勤")
    if timezone.now() < course.starts_at:
        raise Refused("course_not_started", "培训尚未开始，不能登记出勤")
    ids = set(present)
    rows = list(
        course.invitations.select_for_update().filter(mandate_id__in=ids).select_related("mandate__person")
    )
    if len(rows) != len(ids):
        raise Refused("present_not_invited", "出勤名单中有未受邀参训的代表")
    n = 0
    for inv in rows:
        if inv.signed_in_at is None:
            _sign(inv, course.starts_at, by=by, check_window=False)
            n += 1
    return n


def _sign(invitation: CourseInvitation, at: datetime, *, by, check_window: bool) -> CourseInvitation:
    course = invitation.course
    if invitation.signed_in_at is not None:
        raise Refused(
            "already_signed_in", f"已于 {timezone.localtime(invitation.signed_in_at):%Y-%m-%d %H:%M} 签到"
        )
    if check_window:
        opens, closes = signin_window(course)
        if not opens <= at <= closes:
            raise Refused(
                "signin_outside_time",
                f"不在签到时间内：签到时间为 {timezone.localtime(opens):%m-%d %H:%M} 至 {timezone.localtime(closes):%m-%d %H:%M}",
            )
    invitation.signed_in_at = at
    invitation.save(update_fields=["signed_in_at"])
    record_duties(
        [invitation.mandate],
        code="training",
        on=timezone.localtime(course.starts_at).date(),
        source=invitation,
        title=f"参加培训：{course.title}（{course.hours}学时）",
    )
    audit.record("liaison.course_sign_in", invitation, by=by, after={"course": course.pk})
    return invitation


@transaction.atomic
def add_material(course: Course, *, title: str, text: str = "", file=None, by) -> CourseMaterial:
    permissions.require_manage(by, course.body, action="上传培训材料")
    title = require_text(title, "title_required", "请填写材料名称")
    if file is None and not text.strip():
        raise Refused("material_empty", "请上传文件或填写内容摘要")
    row = CourseMaterial(course=course, title=title, text=text.strip())
    if file is not None:
        # the ledger's upload check: images, PDF or .docx only, GPS stripped from photos
        from renda.duties.services import evidence

        kind = evidence.check(file, max_mb=20)
        row.file.save(
            evidence.stored_name(file.name, kind), evidence.without_location(file, kind), save=False
        )
    row.save()
    audit.record("liaison.course_material", row, by=by, after={"course": course.pk})
    return row
