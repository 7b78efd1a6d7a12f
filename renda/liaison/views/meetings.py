"""约见国家机关负责人: the deputy's request (phone), the office's list, one page per meeting with its actions."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from renda.core import xlsx_export
from renda.core.permissions import has_role, scope
from renda.core.roles import Role
from renda.deputies.selectors import mandates_for_user

from .. import export_columns, services
from ..choices import MeetingState
from ..forms import ArrangeForm, HoldForm, MeetingRequestForm, TextForm
from ..models import OfficialMeeting
from ..workflow import OFFICIAL_MEETING
from .common import require_office, run_button, run_form


def request_new(request):
    if not has_role(request.user, Role.DEPUTY):
        raise Http404("仅代表本人使用")
    lead = mandates_for_user(request.user).first()
    if lead is None:
        raise Http404("没有在任的代表资格")
    form = MeetingRequestForm(request.POST or None, body=lead.body)
    ctx = {"lead": lead}
    if request.method == "POST":
        return run_form(
            request,
            form,
            lambda d: services.request(lead, by=request.user, **d),
            ok="约见申请已提交，人大机关安排后会通知您",
            to="liaison:my",
            template="liaison/meeting_new.html",
            ctx=ctx,
            action="liaison.meeting_request",
        )
    return render(request, "liaison/meeting_new.html", {**ctx, "form": form})


def meetings(request):
    require_office(request)
    status = request.GET.get("status", "")
    qs = scope(OfficialMeeting.objects.all(), request.user).select_related("lead__person", "unit")
    if status in MeetingState.values:
        qs = qs.filter(status=status)
    if xlsx_export.wanted(request):
        return xlsx_export.respond(
            request, "约见国家机关负责人", qs, export_columns.MEETINGS, action="liaison.export"
        )
    return render(
        request,
        "liaison/meetings.html",
        {"rows": qs[:200], "status": status, "states": MeetingState.choices},
    )


def _visible(request, pk: int) -> OfficialMeeting:
    qs = OfficialMeeting.objects.select_related("lead__person", "unit", "body")
    if has_role(request.user, Role.DEPUTY):
        return get_object_or_404(qs.filter(mandates__person__user=request.user).distinct(), pk=pk)
    require_office(request)
    return get_object_or_404(scope(qs, request.user), pk=pk)


def meeting_detail(request, pk: int):
    row = _visible(request, pk)
    allowed = {s.action for s in OFFICIAL_MEETING.allowed(row, request.user)}
    ctx = {
        "m": row,
        "allowed": allowed,
        "people": row.mandates.select_related("person"),
        "arrange_form": ArrangeForm(),
        "hold_form": HoldForm(),
        "text_form": TextForm(),
    }
    return render(request, "liaison/meeting.html", ctx)


@require_POST
def meeting_action(request, pk: int, action: str):
    row = _visible(request, pk)
    to = reverse("liaison:meeting", args=[row.pk])
    template = "liaison/meeting.html"
    base = {
        "m": row,
        "allowed": {s.action for s in OFFICIAL_MEETING.allowed(row, request.user)},
        "people": row.mandates.select_related("person"),
        "arrange_form": ArrangeForm(),
        "hold_form": HoldForm(),
        "text_form": TextForm(),
    }
    by = request.user
    if action == "arrange":
        return run_form(
            request,
            ArrangeForm(request.POST),
            lambda d: services.arrange(row, by=by, **d),
            ok="已安排约见并通知代表",
            to=to,
            template=template,
            ctx=base,
            action="liaison.meeting_arrange",
            name="arrange_form",
        )
    if action == "hold":
        return run_form(
            request,
            HoldForm(request.POST),
            lambda d: services.hold(row, by=by, **d),
            ok="约见情况已登记，已记入代表履职档案",
            to=to,
            template=template,
            ctx=base,
            action="liaison.meeting_hold",
            name="hold_form",
        )
    if action in ("decline", "close"):
        call = {
            "decline": lambda d: services.decline(row, reason=d["text"], by=by),
            "close": lambda d: services.close(row, follow_up=d["text"], by=by),
        }[action]
        return run_form(
            request,
            TextForm(request.POST),
            call,
            ok="已办理",
            to=to,
            template=template,
            ctx=base,
            action=f"liaison.meeting_{action}",
            name="text_form",
        )
    if action == "withdraw":
        return run_button(
            request,
            lambda: services.withdraw(row, by=by),
            ok="约见申请已撤回",
            to=to,
            action="liaison.meeting_withdraw",
        )
    raise Http404
