"""/api/v1/liaison/…, continued: liaison officers' reports and activities, and a sitting's attendance and
speeches (the same services as the pages; registered on the liaison router, imported at the end of api.py)."""

from datetime import date
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Path
from ninja import Schema as _Schema
from pydantic import Field

from renda.api.schema import IsoDate, Text, responses, write_responses
from renda.core.permissions import require_business, scope

from . import services
from .api import ID, IdPath, Pk, _office, router
from .choices import ReportKind
from .models import LiaisonOfficer, Sitting, SittingInvitation


class OfficerReportOut(_Schema):
    id: int
    officer_id: int
    kind: str
    on: date
    title: str
    content: str


class OfficerReportIn(_Schema):
    kind: Literal[tuple(ReportKind.values)]  # type: ignore[valid-type]
    on: IsoDate
    title: Text(120, min_length=1)
    content: Text(4000, min_length=1)


def _officer(request, pk: int) -> LiaisonOfficer:
    """The office sees officers in its scope; an officer with an account sees their own appointment."""
    require_business(request.auth)
    mine = LiaisonOfficer.objects.filter(pk=pk, user=request.auth).first()
    if mine is not None:
        return mine
    _office(request)
    return get_object_or_404(scope(LiaisonOfficer.objects.all(), request.auth), pk=pk)


def _report(r) -> dict:
    return {
        "id": r.pk,
        "officer_id": r.officer_id,
        "kind": r.kind,
        "on": r.on,
        "title": r.title,
        "content": r.content,
    }


@router.get(
    "/liaison/officers/{id}/reports",
    response=responses(list[OfficerReportOut]),
    summary="人大联络员的报告和活动",
)
def officer_reports(request, path: Path[IdPath]):
    officer = _officer(request, path.id)
    return [_report(r) for r in officer.reports.all()[:500]]


@router.post(
    "/liaison/officers/{id}/reports",
    response=write_responses(OfficerReportOut),
    summary="登记人大联络员的报告或活动（聘期内）",
)
def add_officer_report(request, path: Path[IdPath], payload: OfficerReportIn):
    officer = _officer(request, path.id)
    row = services.add_report(
        officer,
        kind=payload.kind,
        on=payload.on,
        title=payload.title,
        content=payload.content,
        by=request.auth,
    )
    return _report(row)


class SittingAttendanceIn(_Schema):
    present: list[Pk] = Field(default_factory=list, max_length=500)


class SittingAttendanceOut(_Schema):
    sitting_id: int
    present: int
    from_meeting: bool


@router.post(
    "/liaison/sittings/{id}/attendance",
    response=write_responses(SittingAttendanceOut),
    summary="登记列席出席情况（有会议系统会议的，以会议签到为准，闭会后登记）",
)
def sitting_attendance(request, path: Path[IdPath], payload: SittingAttendanceIn):
    require_business(request.auth)
    sitting = get_object_or_404(scope(Sitting.objects.all(), request.auth), pk=path.id)
    n = services.record_attendance(sitting, present=payload.present, by=request.auth)
    return {"sitting_id": sitting.pk, "present": n, "from_meeting": services.meeting_of(sitting) is not None}


class SittingSpeechIn(_Schema):
    invitation_id: int = ID
    subject: Text(120, min_length=1)
    content: Text(4000, min_length=1)


class SittingSpeechOut(_Schema):
    id: int
    invitation_id: int
    subject: str


@router.post(
    "/liaison/sittings/{id}/speeches",
    response=write_responses(SittingSpeechOut),
    summary="登记列席代表的发言（计入代表履职）",
)
def sitting_speech(request, path: Path[IdPath], payload: SittingSpeechIn):
    require_business(request.auth)
    sitting = get_object_or_404(scope(Sitting.objects.all(), request.auth), pk=path.id)
    inv = get_object_or_404(SittingInvitation, pk=payload.invitation_id, sitting=sitting)
    row = services.add_speech(inv, subject=payload.subject, content=payload.content, by=request.auth)
    return {"id": row.pk, "invitation_id": inv.pk, "subject": row.subject}
