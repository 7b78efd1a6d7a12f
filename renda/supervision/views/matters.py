"""Major-matter screens: the list (filters, xlsx) and one matter — its poll, the rule, reports, follow-up."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from renda.core import xlsx_export
from renda.core.errors import Refused
from renda.core.permissions import get_in_scope, scope
from renda.core.views.refusals import refusal_response

from .. import export_columns, permissions, services
from ..choices import MatterStatus
from ..models import FollowUp, Matter
from ..workflow import MATTER
from .common import page, pid, text, units_for, writer_context


def _qs(user):
    return scope(Matter.objects.select_related("unit").prefetch_related("reports"), user, unit_field="unit")


def matters(request):
    permissions.require_read(request.user)
    qs = _qs(request.user)
    status = request.GET.get("status", "")
    if status in MatterStatus.values:
        qs = qs.filter(status=status)
    year = pid(request.GET.get("year"))
    if 2000 <= year <= 2100:
        qs = qs.filter(proposed_on__year=year)
    if xlsx_export.wanted(request):
        return xlsx_export.respond(
            request, "重大事项决定", qs, export_columns.MATTERS, action="supervision.export"
        )
    on = timezone.localdate()
    rows = page(request, qs)
    for m in rows:
        m.late = m.report_overdue(on)
    return render(
        request,
        "supervision/matters.html",
        {
            **writer_context(request),
            "page": rows,
            "status": status,
            "states": MatterStatus.choices,
        },
    )


def matter(request, pk: int):
    permissions.require_read(request.user)
    m = get_in_scope(Matter.objects.select_related("unit", "body"), request.user, pk, unit_field="unit")
    res = poll = None
    if m.poll_id and services.votes.available():
        from renda.voting.models import Poll
        from renda.voting.selectors import result

        poll = Poll.objects.filter(pk=m.poll_id).first()
        res = result(poll) if poll else None
    actions = MATTER.allowed(m, request.user)
    names = {s.action for s in actions}
    return render(
        request,
        "supervision/matter.html",
        {
            "m": m,
            "actions": actions,
            "poll": poll,
            "res": res,
            "links": services.votes.links(m.poll_id),
            "candidates": services.matters.candidate_polls(m) if names & {"decide", "reject"} else [],
            "units": units_for(m.body) if "track" in names else [],
            "reports": m.reports.select_related("by"),
            "followups": FollowUp.objects.filter(
                content_type=ContentType.objects.get_for_model(Matter), object_id=str(m.pk)
            ).select_related("unit"),
            "late": m.report_overdue(timezone.localdate()),
        },
    )


@require_POST
def matter_do(request, pk: int, action: str):
    m = get_in_scope(Matter.objects.all(), request.user, pk, unit_field="unit")
    back = f"/work/supervision/matters/{m.pk}/"
    try:
        if action == "deliberate":
            services.matters.deliberate(m, by=request.user)
        elif action == "decide":
            services.matters.decide(
                m,
                poll_id=pid(request.POST.get("poll")),
                decision=text(request, "decision", 5000),
                by=request.user,
            )
        elif action == "reject":
            services.matters.reject(m, poll_id=pid(request.POST.get("poll")), by=request.user)
        elif action == "track":
            unit = units_for(m.body).filter(pk=pid(request.POST.get("unit"))).first()
            if unit is None:
                raise Refused("unit_required", "请选择执行单位")
            services.matters.track(m, unit=unit, by=request.user)
        elif action == "report":
            services.matters.report(m, text=text(request, "text", 5000), by=request.user)
        elif action == "close":
            services.matters.close(m, by=request.user)
        else:
            raise Refused("action_unknown", "未知的操作")
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=back)
    messages.success(request, "已保存")
    return redirect(back)
