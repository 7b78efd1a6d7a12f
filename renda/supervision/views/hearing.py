"""Online hearing screens: questions, the host's control, and the big-screen live view."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from renda.core import xlsx_export
from renda.core.errors import Refused
from renda.core.permissions import get_in_scope, scope
from renda.core.views.refusals import refusal_response

from .. import export_columns, permissions, services
from ..choices import Grade
from ..models import Hearing, Question
from .common import pid, text, units_for, writer_context


def hearings(request):
    permissions.require_read(request.user)
    qs = scope(Hearing.objects.all(), request.user)
    year = pid(request.GET.get("year"))
    if 2000 <= year <= 2100:
        qs = qs.filter(held_on__year=year)
    if xlsx_export.wanted(request):
        rows = Question.objects.filter(hearing__in=qs).select_related("hearing", "unit")
        rows = rows.order_by("-hearing__held_on", "hearing_id", "order", "id")
        return xlsx_export.respond(
            request, "网络问政问题", rows, export_columns.QUESTIONS, action="supervision.export"
        )
    return render(request, "supervision/hearings.html", {**writer_context(request), "hearings": qs})


def hearing(request, pk: int):
    permissions.require_read(request.user)
    h = get_in_scope(Hearing.objects.all(), request.user, pk)
    return render(
        request,
        "supervision/hearing.html",
        {
            "h": h,
            "questions": h.questions.select_related("unit"),
            "units": units_for(h.body),
            "grades": Grade.choices,
            "can_write": permissions.can_write(request.user),
            "voting": services.votes.available(),
        },
    )


def screen(request, pk: int):
    """The big screen: the current question, who answers, the timer, and the live vote's screen."""
    permissions.require_read(request.user)
    h = get_in_scope(Hearing.objects.select_related("current__unit"), request.user, pk)
    q = h.current
    ends = None
    if q and h.current_started:
        ends = h.current_started + timezone.timedelta(minutes=h.answer_minutes)
    done = h.questions.filter(status="rated").count()
    return render(
        request,
        "supervision/screen.html",
        {
            "h": h,
            "q": q,
            "ends": ends,
            "done": done,
            "total": h.questions.exclude(status__in=["proposed", "declined"]).count(),
        },
    )


@require_POST
def hearing_do(request, pk: int, action: str):
    h = get_in_scope(Hearing.objects.all(), request.user, pk)
    back = f"/work/supervision/hearings/{h.pk}/"
    try:
        if action == "end":
            services.hearing.end(h, by=request.user)
        elif action == "ask":
            services.hearing.propose(
                h,
                asker=text(request, "asker", 40),
                text=text(request, "text", 2000),
                from_deputy=True,
                unit=units_for(h.body).filter(pk=pid(request.POST.get("unit"))).first(),
            )
        else:
            q = h.questions.filter(pk=pid(request.POST.get("question"))).first()
            if q is None:
                raise Refused("question_required", "请选择问题")
            if action == "accept":
                unit = units_for(h.body).filter(pk=pid(request.POST.get("unit"))).first() or q.unit
                if unit is None:
                    raise Refused("unit_required", "请选择答复单位")
                services.hearing.accept(
                    q,
                    unit=unit,
                    answerer=text(request, "answerer", 60),
                    order=pid(request.POST.get("order")) or 0,
                    by=request.user,
                )
            elif action == "start":
                services.hearing.start_question(q, by=request.user)
            elif action == "vote":
                poll = services.hearing.open_vote(q, by=request.user)
                return redirect(services.votes.links(poll.pk).get("control", back))
            elif action == "rate":
                services.hearing.rate(
                    q,
                    grade=request.POST.get("grade", ""),
                    source=text(request, "source", 200) or "现场测评",
                    by=request.user,
                )
            elif action == "from_poll":
                services.hearing.rate_from_poll(q, by=request.user)
            else:
                raise Refused("action_unknown", "未知的操作")
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=back)
    messages.success(request, "已保存")
    return redirect(back)
