"""Staff screens: a new meeting, preparation (agenda, papers, people, notice, leave, sign-in by hand),
minutes, the policy."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from renda.core.errors import Refused
from renda.core.permissions import bodies_in_scope, require_role
from renda.core.roles import Role
from renda.core.views.refusals import refusal_response, refused_form

from .. import permissions, selectors, services
from ..forms import (
    AttendeeForm,
    DocumentForm,
    ItemForm,
    MeetingForm,
    MinutesForm,
    NoteForm,
    RemoveAttendeeForm,
    ScheduleForm,
)
from ..models import Attendee, Kind
from ..services import minutes as minutes_service
from ..services.meetings import duty_attendance_pending
from ..services.policy import POLICY_FIELDS
from ..workflow import MEETING
from .common import meeting_for


def new(request):
    require_role(request.user, {Role.STAFF}, action="筹备会议")
    form = MeetingForm(request.POST or None, bodies=bodies_in_scope(request.user))
    if request.method != "POST" or not form.is_valid():
        return render(request, "meetings/new.html", {"form": form}, status=422 if form.is_bound else 200)
    d = form.cleaned_data
    try:
        m = services.create_meeting(
            body=d["body"],
            kind=d["kind"],
            title=d["title"],
            starts_at=d["starts_at"],
            ends_at=d["ends_at"],
            location=d["location"],
            by=request.user,
        )
    except Refused as exc:
        return refused_form(request, form, exc, "meetings/new.html", {}, action="筹备会议")
    messages.success(request, "会议已创建，组成人员已列入参会名单")
    return redirect("meetings:prepare", m.pk)


@require_POST
def new_delegation(request, pk: int):
    """A delegation's meeting under a congress session (one per delegation)."""
    from renda.deputies.models import Delegation

    s = meeting_for(request, pk)
    back = reverse("meetings:prepare", args=[s.pk])
    delegation = get_object_or_404(Delegation, pk=request.POST.get("delegation") or 0, body=s.body)
    try:
        m = services.create_meeting(
            body=s.body,
            kind=Kind.DELEGATION,
            title=f"{s.title}·{delegation.name}全体会议",
            starts_at=s.starts_at,
            ends_at=s.ends_at,
            location=s.location,
            session=s,
            delegation=delegation,
            by=request.user,
        )
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=back, action="代表团会议")
    messages.success(request, f"已建立{delegation.name}代表团会议")
    return redirect("meetings:prepare", m.pk)


def _prepare_ctx(request, m, **forms):
    from renda.deputies.models import Delegation

    rows = list(m.attendees.select_related("user", "leave_request").order_by("role", "user__username"))
    used = set(m.parts.values_list("delegation_id", flat=True)) if m.is_session else set()
    return {
        "m": m,
        "rows": rows,
        "items": [(it, selectors.visible_documents(it, request.user)) for it in m.items.all()],
        "q": selectors.quorum(m),
        "steps": MEETING.allowed(m, request.user),
        "policy": services.policy_for(m.body),
        "item_form": forms.get("item_form") or ItemForm(),
        "doc_form": forms.get("doc_form") or DocumentForm(meeting=m),
        "att_form": forms.get("att_form") or AttendeeForm(meeting=m),
        "note_form": NoteForm(),
        "schedule_form": forms.get("schedule_form")
        or ScheduleForm(
            initial={
                "starts_at": timezone.localtime(m.starts_at),
                "ends_at": timezone.localtime(m.ends_at),
                "location": m.location,
            }
        ),
        "remove_form": forms.get("remove_form") or RemoveAttendeeForm(meeting=m),
        "removals": list(m.removals.select_related("user", "removed_by")),
        "changeable": m.status in ("draft", "noticed", "in_session"),
        "parts": list(m.parts.select_related("delegation")) if m.is_session else [],
        "free_delegations": [
            d for d in Delegation.objects.filter(body=m.body, closed=False) if d.pk not in used
        ]
        if m.is_session
        else [],
        "duty_pending": duty_attendance_pending(m),
        "days_ahead": (timezone.localtime(m.starts_at).date() - timezone.localdate()).days,
    }


def prepare(request, pk: int):
    m = meeting_for(request, pk)
    permissions.require_manage(request.user, m, action="筹备会议")
    return render(request, "meetings/prepare.html", _prepare_ctx(request, m))


@require_POST
def add_item(request, pk: int):
    m = meeting_for(request, pk)
    form = ItemForm(request.POST)
    if not form.is_valid():
        return render(request, "meetings/prepare.html", _prepare_ctx(request, m, item_form=form), status=422)
    try:
        services.add_item(m, by=request.user, **form.cleaned_data)
    except Refused as exc:
        ctx = _prepare_ctx(request, m, item_form=form)
        return refused_form(request, form, exc, "meetings/prepare.html", ctx, action="议程")
    messages.success(request, "议题已加入议程")
    return redirect(reverse("meetings:prepare", args=[m.pk]) + "#agenda")


@require_POST
def add_document(request, pk: int):
    m = meeting_for(request, pk)
    form = DocumentForm(request.POST, request.FILES, meeting=m)
    if not form.is_valid():
        return render(request, "meetings/prepare.html", _prepare_ctx(request, m, doc_form=form), status=422)
    d = form.cleaned_data
    try:
        with transaction.atomic():
            services.add_document(
                d["item"],
                title=d["title"],
                upload=d["file"],
                readers=list(d["readers"]),
                replaces=d["replaces"],
                by=request.user,
            )
    except Refused as exc:
        ctx = _prepare_ctx(request, m, doc_form=form)
        return refused_form(request, form, exc, "meetings/prepare.html", ctx, action="上传会议材料")
    messages.success(request, "材料已上传" if not d["replaces"] else "新版本已上传，原版本标为“已替换”")
    return redirect(reverse("meetings:prepare", args=[m.pk]) + "#agenda")


@require_POST
def add_attendees(request, pk: int):
    m = meeting_for(request, pk)
    form = AttendeeForm(request.POST, meeting=m)
    if not form.is_valid():
        return render(request, "meetings/prepare.html", _prepare_ctx(request, m, att_form=form), status=422)
    d = form.cleaned_data
    try:
        n = services.add_attendees(
            m, users=list(d["users"]), role=d["role"], capacity=d["capacity"], by=request.user
        )
    except Refused as exc:
        ctx = _prepare_ctx(request, m, att_form=form)
        return refused_form(request, form, exc, "meetings/prepare.html", ctx, action="参会人员")
    messages.success(request, f"已加入{n}人")
    return redirect(reverse("meetings:prepare", args=[m.pk]) + "#people")


@require_POST
def reschedule(request, pk: int):
    m = meeting_for(request, pk)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        ctx = _prepare_ctx(request, m, schedule_form=form)
        return render(request, "meetings/prepare.html", ctx, status=422)
    try:
        services.reschedule(m, by=request.user, **form.cleaned_data)
    except Refused as exc:
        m.refresh_from_db()
        ctx = _prepare_ctx(request, m, schedule_form=form)
        return refused_form(request, form, exc, "meetings/prepare.html", ctx, action="修改会议时间地点")
    messages.success(request, "会议时间地点已修改" + ("，已通知全体参会人员" if m.status != "draft" else ""))
    return redirect("meetings:prepare", m.pk)


@require_POST
def remove_attendee(request, pk: int):
    m = meeting_for(request, pk)
    form = RemoveAttendeeForm(request.POST, meeting=m)
    if not form.is_valid():
        return render(
            request, "meetings/prepare.html", _prepare_ctx(request, m, remove_form=form), status=422
        )
    a = form.cleaned_data["attendee"]
    try:
        services.remove_attendee(a, reason=form.cleaned_data["reason"], by=request.user)
    except Refused as exc:
        ctx = _prepare_ctx(request, m, remove_form=form)
        return refused_form(request, form, exc, "meetings/prepare.html", ctx, action="移出参会人员")
    messages.success(request, f"已将{a.user}移出参会名单")
    return redirect(reverse("meetings:prepare", args=[m.pk]) + "#people")


@require_POST
def act(request, pk: int, action: str):
    """The meeting's workflow buttons: notice, open, close, approve_minutes, cancel; and remind."""
    m = meeting_for(request, pk)
    back = request.POST.get("next") or reverse("meetings:prepare", args=[m.pk])
    if not back.startswith("/work/meetings/"):
        back = reverse("meetings:prepare", args=[m.pk])
    reason = request.POST.get("reason", "")[:300]
    run = {
        "notice": lambda: services.send_notice(m, urgent_reason=reason, by=request.user),
        "open": lambda: services.open_meeting(m, by=request.user),
        "close": lambda: services.close_meeting(m, by=request.user),
        "approve_minutes": lambda: services.approve_minutes(m, by=request.user),
        "cancel": lambda: services.cancel(m, reason=reason, by=request.user),
        "remind": lambda: services.remind(m, by=request.user),
        "duty_attendance": lambda: services.record_duty_attendance(m, by=request.user),
    }.get(action)
    if run is None:
        return redirect(back)
    try:
        run()
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=back, action=action)
    extra = {"remind": "已发送会前提醒", "duty_attendance": "考勤已转入代表履职记录"}
    label = extra.get(action) or f"已{MEETING.step(action).label}"
    messages.success(request, label)
    return redirect(back)


@require_POST
def attendee_act(request, pk: int, attendee_pk: int, action: str):
    """Staff on one attendee: sign in by hand, take it back, approve or refuse leave."""
    m = meeting_for(request, pk)
    a = get_object_or_404(Attendee, pk=attendee_pk, meeting=m)
    back = request.POST.get("next") or reverse("meetings:prepare", args=[m.pk]) + "#people"
    if not back.startswith("/work/meetings/"):
        back = reverse("meetings:prepare", args=[m.pk])
    note = request.POST.get("note", "")[:300]
    try:
        if action == "sign_in":
            services.sign_in_by_staff(a, by=request.user)
        elif action == "undo_sign_in":
            services.sign_in_by_staff(a, by=request.user, undo=True)
        elif action in ("approve_leave", "refuse_leave"):
            services.decide_leave(a, approve=action == "approve_leave", note=note, by=request.user)
        else:
            return redirect(back)
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=back, action=action)
    messages.success(request, "已保存")
    return redirect(back)


def minutes(request, pk: int):
    m = meeting_for(request, pk)
    can_edit = permissions.can_manage(request.user, m)
    form = MinutesForm(request.POST or None, initial={"text": m.minutes or minutes_service.draft(m)})
    if request.method == "POST":
        if not form.is_valid():
            return render(
                request, "meetings/minutes.html", {"m": m, "form": form, "can_edit": can_edit}, status=422
            )
        try:
            services.save_minutes(m, text=form.cleaned_data["text"], by=request.user)
        except Refused as exc:
            return refused_form(request, form, exc, "meetings/minutes.html", {"m": m, "can_edit": can_edit})
        messages.success(request, "纪要已保存")
        return redirect("meetings:minutes", m.pk)
    return render(
        request,
        "meetings/minutes.html",
        {"m": m, "form": form, "can_edit": can_edit, "steps": MEETING.allowed(m, request.user)},
    )


def minutes_docx(request, pk: int):
    m = meeting_for(request, pk)
    permissions.require_chair(request.user, m, action="导出会议纪要")
    resp = HttpResponse(
        minutes_service.as_docx(m),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    from urllib.parse import quote

    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(m.title + '纪要.docx')}"
    return resp


def policy(request):
    """The body's meeting rules, each with where it comes from (本机关设定 / 沿用上级 / 默认值)."""
    from renda.core import policy as resolver

    from ..forms import PolicyForm
    from ..models import MeetingPolicy

    require_role(request.user, {Role.STAFF}, action="会议参数")
    body = request.user.body
    current = services.policy_for(body)
    form = PolicyForm(
        request.POST or None,
        instance=MeetingPolicy(**{f: getattr(current, f) for f in POLICY_FIELDS}),
    )
    ctx = {"form": form, "sources": resolver.sources(MeetingPolicy, body), "body": body}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "meetings/policy.html", ctx, status=422)
        try:
            services.save_policy(body, by=request.user, **{f: form.cleaned_data[f] for f in POLICY_FIELDS})
        except Refused as exc:
            return refused_form(request, form, exc, "meetings/policy.html", ctx, action="会议参数")
        messages.success(request, "会议参数已保存")
        return redirect("meetings:policy")
    return render(request, "meetings/policy.html", ctx)
