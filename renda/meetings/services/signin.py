"""Sign-in at the door: a QR code that turns over every N seconds (policy `code_seconds`) and after each use.

The code is `django.core.signing` over (meeting, nonce): it cannot be forged, it expires, and each nonce signs
in one person only (a DB constraint), so a code photographed and sent to someone who is not in the room is
refused. Staff can sign someone in by hand (a phone without network, a guest)."""

import secrets
from datetime import timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from renda.core import audit
from renda.core.errors import Refused

from .. import permissions
from ..models import Attendee, Meeting, SignInMethod, State
from .meetings import policy_for

SALT = "renda.meetings.signin"
GRACE_SECONDS = 60  # time from scanning to pressing 确认签到 on the phone
SIGN_IN_STATES = (State.NOTICED, State.IN_SESSION)


@transaction.atomic
def door_code(meeting: Meeting, *, by) -> tuple[str, timezone.datetime]:
    """The code the door screen shows now, and when it turns over. A new nonce when the old one was used or
    is older than the policy's `code_seconds`."""
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    permissions.require_manage(by, meeting, action="显示签到码")
    if meeting.status not in SIGN_IN_STATES:
        raise Refused("signin_closed", f"会议{meeting.get_status_display()}，不在签到时间")
    seconds = policy_for(meeting.body).code_seconds
    now = timezone.now()
    used = bool(meeting.code_nonce) and meeting.attendees.filter(sign_in_nonce=meeting.code_nonce).exists()
    if used or not meeting.code_at or now - meeting.code_at >= timedelta(seconds=seconds):
        meeting.code_nonce, meeting.code_at = secrets.token_urlsafe(12), now
        meeting.save(update_fields=["code_nonce", "code_at"])
    token = signing.dumps({"m": meeting.pk, "n": meeting.code_nonce}, salt=SALT, compress=True)
    return token, meeting.code_at + timedelta(seconds=seconds)


def read_code(token: str) -> tuple[Meeting, str]:
    """The meeting and nonce of a scanned code, or a refusal: forged, or expired."""
    try:
        raw = signing.loads(token, salt=SALT, max_age=3600 * 24)
    except signing.BadSignature:
        raise Refused("signin_code_invalid", "签到码无效，请扫描会场门口屏幕上的二维码") from None
    meeting = Meeting.objects.select_related("body").filter(pk=raw.get("m")).first()
    if meeting is None:
        raise Refused("signin_code_invalid", "签到码无效，请扫描会场门口屏幕上的二维码")
    try:
        signing.loads(token, salt=SALT, max_age=policy_for(meeting.body).code_seconds + GRACE_SECONDS)
    except signing.SignatureExpired:
        raise Refused("signin_code_expired", "签到码已过期，请重新扫描门口屏幕上的最新二维码") from None
    return meeting, raw["n"]


@transaction.atomic
def sign_in_with_code(token: str, *, by) -> Attendee:
    """The member's phone scanned the door code. Refused: forged or expired code, someone not called to the
    meeting, a meeting not in its sign-in time, a code another person already used. Signing in twice is
    harmless (the first time stays)."""
    meeting, nonce = read_code(token)
    if meeting.status not in SIGN_IN_STATES:
        raise Refused("signin_closed", f"会议{meeting.get_status_display()}，不在签到时间")
    a = Attendee.objects.select_for_update().filter(meeting=meeting, user=by).first()
    if a is None:
        raise Refused("signin_not_called", "您不在本次会议的参会名单中")
    if a.present:
        return a
    if Attendee.objects.filter(meeting=meeting, sign_in_nonce=nonce).exclude(pk=a.pk).exists():
        raise Refused("signin_code_used", "该签到码已被他人使用，请本人在会场门口扫描最新二维码")
    a.signed_in_at, a.sign_in_method, a.sign_in_nonce = timezone.now(), SignInMethod.QR, nonce
    try:
        with transaction.atomic():
            a.save(update_fields=["signed_in_at", "sign_in_method", "sign_in_nonce"])
    except IntegrityError:  # two phones with the same code at the same instant: the constraint decides
        raise Refused("signin_code_used", "该签到码已被他人使用，请本人在会场门口扫描最新二维码") from None
    audit.record("meeting.sign_in", a, by=by, after={"method": "qr"})
    return a


@transaction.atomic
def sign_in_by_staff(attendee: Attendee, *, by, undo: bool = False) -> Attendee:
    """Staff sign someone in by hand (or take a wrong sign-in back before the meeting closes)."""
    a = Attendee.objects.select_for_update().select_related("meeting__body").get(pk=attendee.pk)
    permissions.require_manage(by, a.meeting, action="代签到")
    if a.meeting.status not in SIGN_IN_STATES:
        raise Refused("signin_closed", f"会议{a.meeting.get_status_display()}，不在签到时间")
    if undo:
        a.signed_in_at, a.sign_in_method, a.sign_in_nonce, a.signed_in_by = None, "", "", None
    elif a.present:
        return a
    else:
        a.signed_in_at, a.sign_in_method, a.signed_in_by = timezone.now(), SignInMethod.STAFF, by
    a.save(update_fields=["signed_in_at", "sign_in_method", "sign_in_nonce", "signed_in_by"])
    audit.record("meeting.sign_in_undo" if undo else "meeting.sign_in", a, by=by, after={"method": "staff"})
    return a
