"""列席常委会会议: the office plans a sitting, invites in rotation, records attendance and speeches."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from renda.core import xlsx_export
from renda.core.params import id_list
from renda.core.permissions import scope

from .. import export_columns, services
from ..forms import SittingForm, SpeechForm
from ..models import Sitting, SittingInvitation
from .common import require_office, run_button, run_form
from .links import _committee


def sittings(request):
    require_office(request)
    sc = _committee(request)
    form = SittingForm(request.POST or None, body=sc)
    rows = scope(Sitting.objects.all(), request.user).prefetch_related("invitations__mandate__person")
    if xlsx_export.wanted(request):  # every sitting, not only the 100 the page shows
        return xlsx_export.respond(
            request, "列席常委会会议", rows, export_columns.SITTINGS, action="liaison.export"
        )
    ctx = {"rows": rows[:100], "sc": sc}
    if request.method == "POST":
        return run_form(
            request,
            form,
            lambda d: services.create_sitting(body=sc, by=request.user, **d),
            ok="会议已登记，请按轮换邀请列席代表",
            to="liaison:sittings",
            template="liaison/sittings.html",
            ctx=ctx,
            action="liaison.sitting_create",
        )
    return render(request, "liaison/sittings.html", {**ctx, "form": form})


def _ctx(request, sitting):
    invitations = sitting.invitations.select_related("mandate__person").prefetch_related("speeches")
    signs = services.sign_ins(sitting)
    rows = list(invitations)
    for i in rows:
        i.att = signs.get(i.mandate_id)  # the deputy's place in the meetings app's list, if called there
    return {
        "s": sitting,
        "meeting": (meeting := services.meeting_of(sitting)),
        "meeting_open": meeting is not None and meeting.status not in ("closed", "approved"),
        "invitations": rows,
        "next": services.rotation(sitting, services.policy_for(sitting.body).sitting_seats),
        "speech_form": SpeechForm(invitations=invitations.filter(attended=True)),
    }


def sitting_detail(request, pk: int):
    require_office(request)
    sitting = get_object_or_404(scope(Sitting.objects.all(), request.user), pk=pk)
    return render(request, "liaison/sitting.html", _ctx(request, sitting))


@require_POST
def sitting_action(request, pk: int, action: str):
    require_office(request)
    sitting = get_object_or_404(scope(Sitting.objects.all(), request.user), pk=pk)
    to = reverse("liaison:sitting", args=[pk])
    if action == "invite":
        return run_button(
            request,
            lambda: services.invite_in_rotation(sitting, by=request.user),
            ok="已按轮换邀请代表列席并发出通知",
            to=to,
            action="liaison.sitting_invite",
        )
    if action == "attendance":
        present = id_list(request.POST.getlist("present"))
        return run_button(
            request,
            lambda: services.record_attendance(sitting, present=present, by=request.user),
            ok="列席情况已登记，已记入代表履职档案",
            to=to,
            action="liaison.sitting_attendance",
        )
    if action == "speech":
        ctx = _ctx(request, sitting)
        form = SpeechForm(
            request.POST, invitations=SittingInvitation.objects.filter(sitting=sitting, attended=True)
        )
        return run_form(
            request,
            form,
            lambda d: services.add_speech(
                d["invitation"], subject=d["subject"], content=d["content"], by=request.user
            ),
            ok="发言已登记",
            to=to,
            template="liaison/sitting.html",
            ctx=ctx,
            action="liaison.sitting_speech",
            name="speech_form",
        )
    return run_button(request, lambda: None, ok="", to=to, action="")
