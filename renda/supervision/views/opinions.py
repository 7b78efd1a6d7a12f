"""Deliberation opinions (审议意见) and tracked follow-ups (跟踪督办)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from renda.core import policy, xlsx_export
from renda.core.errors import Refused
from renda.core.permissions import get_in_scope
from renda.core.views.refusals import refusal_response

from .. import export_columns, permissions, selectors, services
from ..choices import FollowStatus, Grade, OpinionStatus
from ..models import FollowUp, Opinion, SupervisionPolicy
from ..workflow import FOLLOWUP, OPINION
from .common import page, text


def opinions(request):
    permissions.require_read(request.user)
    qs = selectors.opinions(request.user)
    status = request.GET.get("status", "")
    if status in OpinionStatus.values:
        qs = qs.filter(status=status)
    if xlsx_export.wanted(request):
        return xlsx_export.respond(
            request, "审议意见", qs, export_columns.OPINIONS, action="supervision.export"
        )
    return render(
        request,
        "supervision/opinions.html",
        {
            "page": page(request, qs),
            "status": status,
            "states": OpinionStatus.choices,
            "on": timezone.localdate(),
        },
    )


def opinion(request, pk: int):
    permissions.require_read(request.user)
    o = get_in_scope(
        Opinion.objects.select_related("item__plan__body", "unit"),
        request.user,
        pk,
        body_field="item__plan__body",
        unit_field="unit",
    )
    poll = None
    if o.poll_id and services.votes.available():
        from renda.voting.models import Poll

        poll = Poll.objects.filter(pk=o.poll_id).first()
    return render(
        request,
        "supervision/opinion.html",
        {
            "o": o,
            "actions": OPINION.allowed(o, request.user),
            "grades": Grade.choices,
            "on": timezone.localdate(),
            "followups": FollowUp.objects.filter(content_type__model="opinion", object_id=str(o.pk)),
            "voting": services.votes.available(),
            "poll": poll,
        },
    )


@require_POST
def opinion_do(request, pk: int, action: str):
    o = get_in_scope(
        Opinion.objects.select_related("item__plan__body"),
        request.user,
        pk,
        body_field="item__plan__body",
        unit_field="unit",
    )
    back = f"/work/supervision/opinions/{o.pk}/"
    try:
        if action == "send":
            services.opinions.send(o, by=request.user)
        elif action in ("report", "rereport"):
            services.opinions.submit_report(
                o, text=text(request, "text", 10000), file=request.FILES.get("file"), by=request.user
            )
        elif action == "evaluate":
            services.opinions.evaluate(
                o, grade=request.POST.get("grade", ""), source=text(request, "source", 200), by=request.user
            )
        elif action == "vote":
            permissions.require_staff(request.user, "发起满意度测评")
            if o.status != OpinionStatus.REPORTED:
                raise Refused("not_reported", "办理情况报告尚未报送，不能测评")
            poll = services.votes.open_rating(
                body=o.item.plan.body,
                title=f"满意度测评：{o.item.title}",
                subject=o,
                electorate=services.votes.electorate_of(o.item.plan.body),
                by=request.user,
                secret=request.POST.get("named") != "1",
                rule=policy.resolve(SupervisionPolicy, o.item.plan.body).satisfaction_rule,
            )
            Opinion.objects.filter(pk=o.pk).update(poll_id=poll.pk)
            messages.success(request, "满意度测评已开始，组成人员可在手机上投票")
            return redirect(services.votes.links(poll.pk).get("control", back))
        elif action == "from_poll":
            grade, decided_by, _ = services.votes.rating_outcome(o.poll_id)
            services.opinions.evaluate(
                o, grade=grade, source=decided_by or "满意度测评", poll_id=o.poll_id, by=request.user
            )
        else:
            raise Refused("action_unknown", "未知的操作")
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=back)
    messages.success(request, "已保存")
    return redirect(back)


def followups(request):
    permissions.require_read(request.user)
    qs = selectors.followups(request.user)
    status = request.GET.get("status", "open")
    if status in FollowStatus.values:
        qs = qs.filter(status=status)
    if request.GET.get("overdue"):
        qs = qs.filter(status=FollowStatus.OPEN, due__lt=timezone.localdate())
    if xlsx_export.wanted(request):
        return xlsx_export.respond(
            request, "跟踪督办", qs, export_columns.FOLLOWUPS, action="supervision.export"
        )
    return render(
        request,
        "supervision/followups.html",
        {
            "page": page(request, qs),
            "status": status,
            "states": FollowStatus.choices,
            "on": timezone.localdate(),
        },
    )


def followup(request, pk: int):
    permissions.require_read(request.user)
    f = get_in_scope(FollowUp.objects.select_related("unit"), request.user, pk, unit_field="unit")
    return render(
        request,
        "supervision/followup.html",
        {"f": f, "actions": FOLLOWUP.allowed(f, request.user), "on": timezone.localdate()},
    )


@require_POST
def followup_do(request, pk: int, action: str):
    f = get_in_scope(FollowUp.objects.all(), request.user, pk, unit_field="unit")
    back = f"/work/supervision/followups/{f.pk}/"
    try:
        if action == "answer":
            services.followups.answer(f, text=text(request, "text", 5000), by=request.user)
        elif action == "close":
            services.followups.close(f, by=request.user)
        elif action == "reopen":
            services.followups.reopen(f, reason=text(request, "text", 1000), by=request.user)
        else:
            raise Refused("action_unknown", "未知的操作")
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=back)
    messages.success(request, "已保存")
    return redirect(back)
