"""The deputy's own screens (phone first): register a duty, my score and what I still lack, leave."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from renda.core.errors import Refused
from renda.core.permissions import has_role
from renda.core.roles import Role
from renda.core.views.refusals import refusal_response
from renda.deputies.selectors import mandates_for_user

from .. import scoring, selectors, services
from ..choices import Review
from ..forms import DeclareForm, LeaveForm, ReasonForm
from ..models import LeaveRequest


def home(request):
    if has_role(request.user, Role.DEPUTY):
        return redirect("duties:mine")
    return redirect("duties:dashboard")


def _require_deputy(request) -> None:
    if not has_role(request.user, Role.DEPUTY):
        raise Http404("仅代表本人使用")


def mine(request):
    """My duties: this year's score per mandate, what I still lack, my records, activities to attend."""
    _require_deputy(request)
    year = timezone.localdate().year
    start, end = scoring.year_bounds(year)
    mandates = list(mandates_for_user(request.user))
    cards = []
    for m in mandates:
        services.ruleset_for(m.body, year)
        peers = selectors.held_in(type(m).objects.filter(body=m.body), start, end)
        ranked = scoring.scores(peers, start=start, end=end)
        mine_ = next((s for s in ranked if s.mandate_id == m.pk), None)
        cards.append(
            {
                "mandate": m,
                "score": mine_,
                "of": len(ranked),
                "lacking": selectors.requirement_status(m, year),
            }
        )
    records = list(selectors.records_in_scope(request.user).order_by("-on", "-id")[:30])
    today = timezone.localdate()
    upcoming = list(
        selectors.activities_in_scope(request.user)
        .filter(end__gte=today, attendance_taken=False)
        .order_by("start")[:10]
    )
    leaves = {
        lr.activity_id: lr
        for lr in selectors.leaves_in_scope(request.user)
        .filter(activity__in=upcoming)
        .exclude(status="withdrawn")
    }
    for act in upcoming:
        act.my_leave = leaves.get(act.pk)
    return render(
        request,
        "duties/mine.html",
        {"cards": cards, "records": records, "upcoming": upcoming, "year": year, "Review": Review},
    )


def declare(request):
    _require_deputy(request)
    mandates = mandates_for_user(request.user)
    form = DeclareForm(request.POST or None, request.FILES or None, mandates=mandates)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.declare(
                d["mandate"],
                duty_type=d["duty_type"],
                on=d["on"],
                title=d["title"],
                note=d["note"],
                evidence_file=d["evidence_file"],
                evidence_text=d["evidence_text"],
                by=request.user,
            )
        except Refused as exc:
            from renda.core import audit

            audit.record_refusal(exc, by=request.user, action="duty.declare")
            form.add_error(None, exc.message)
        else:
            messages.success(request, "已提交，待人大工作人员审核后计入积分。")
            return redirect("duties:mine")
    if form.errors and request.FILES.get("evidence_file") and "evidence_file" not in form.errors:
        # Every typed value comes back; a browser never keeps a chosen file, so say so where it was.
        form.add_error("evidence_file", "已选的文件未保存，请重新选择佐证材料")
    return render(request, "duties/declare.html", {"form": form}, status=422 if form.errors else 200)


@require_POST
def resubmit(request, pk: int):
    _require_deputy(request)
    rec = get_object_or_404(selectors.records_in_scope(request.user), pk=pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        services.resubmit(rec, evidence_text=form.cleaned_data.get("reason", ""), by=request.user)
    except Refused as exc:
        return refusal_response(request, exc, redirect_to="duties:mine", action="duty.resubmit")
    messages.success(request, "已重新提交审核。")
    return redirect("duties:mine")


def leave_new(request, activity_pk: int):
    _require_deputy(request)
    act = get_object_or_404(selectors.activities_in_scope(request.user), pk=activity_pk)
    mandate = act.participants.filter(person__user=request.user).first()
    if mandate is None:
        raise Http404
    form = LeaveForm(request.POST or None, choices=services.half_day_choices(act))
    if request.method == "POST" and form.is_valid():
        try:
            leave = services.request_leave(
                mandate,
                activity=act,
                reason=form.cleaned_data["reason"],
                half_days=form.cleaned_data["half_days"],
                by=request.user,
            )
        except Refused as exc:
            # Shown on the form, which keeps what was typed (a redirect lost the reason).
            from renda.core import audit

            audit.record_refusal(exc, by=request.user, action="duty.request_leave")
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"请假申请已提交，由{leave.approver}审批。")
            return redirect("duties:mine")
    return render(
        request, "duties/leave_new.html", {"form": form, "activity": act}, status=422 if form.errors else 200
    )


@require_POST
def leave_withdraw(request, pk: int):
    _require_deputy(request)
    leave = get_object_or_404(LeaveRequest.objects.filter(mandate__person__user=request.user), pk=pk)
    try:
        services.decide_leave(leave, action="withdraw", by=request.user)
    except Refused as exc:
        return refusal_response(request, exc, redirect_to="duties:mine", action="duty.leave_withdraw")
    return redirect("duties:mine")


def record_detail(request, pk: int):
    rec = get_object_or_404(
        selectors.records_in_scope(request.user).select_related("activity", "reviewed_by"), pk=pk
    )
    return render(request, "duties/record.html", {"r": rec})


def evidence(request, pk: int):
    """Evidence files are private: served only to whoever may see the record. Photos open inline with
    `?inline=1` (the review queue's preview); documents always download."""
    from django.http import FileResponse

    rec = get_object_or_404(selectors.records_in_scope(request.user).exclude(evidence=""), pk=pk)
    name = rec.evidence.name.rsplit("/", 1)[-1]
    if request.GET.get("inline") == "1" and rec.evidence_is_image:
        kind = "image/png" if name.lower().endswith(".png") else "image/jpeg"
        resp = FileResponse(rec.evidence.open("rb"), content_type=kind)
        resp["Cache-Control"] = "private, max-age=300"
        return resp
    return FileResponse(rec.evidence.open("rb"), as_attachment=True, filename=name)
