"""The deputy's phone screens: my invitations (sittings, courses), planned activities, my 约见, my members."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from renda.core.permissions import has_role
from renda.core.roles import Role
from renda.deputies.selectors import mandates_for_user

from .. import permissions, services
from ..choices import ActivityState
from ..models import CourseInvitation, MemberLink, OfficialMeeting, PlannedActivity, SittingInvitation
from ..services.training import signin_window
from .common import run_button


def home(request):
    from ..models import LiaisonOfficer

    office = has_role(request.user, Role.STAFF, Role.LEADER, Role.DEPUTY)
    if not office and LiaisonOfficer.objects.filter(user=request.user).exists():
        return redirect("liaison:officer_mine")  # a liaison officer's own phone screen
    if permissions.is_member(request.user):
        return redirect("liaison:member")
    if has_role(request.user, Role.DEPUTY):
        return redirect("liaison:my")
    if has_role(request.user, Role.STAFF, Role.LEADER):
        return redirect("liaison:overview")
    raise Http404


def _require_deputy(request) -> list:
    if not has_role(request.user, Role.DEPUTY):
        raise Http404("仅代表本人使用")
    return list(mandates_for_user(request.user))


def _with_meeting_replies(invitations) -> list:
    """Each invitation with `att`: the deputy's row in the linked meeting's attendees (a reply or leave given
    there shows here, so the deputy is not asked twice)."""
    rows = list(invitations)
    for i in rows:
        i.att = services.sign_ins(i.sitting).get(i.mandate_id) if i.sitting.meeting_id else None
    return rows


def my(request):
    mandates = _require_deputy(request)
    ids = [m.pk for m in mandates]
    today, now = timezone.localdate(), timezone.now()
    courses = []
    for inv in (
        CourseInvitation.objects.filter(
            mandate_id__in=ids, course__ends_at__gte=now - timezone.timedelta(days=30)
        )
        .select_related("course")
        .order_by("course__starts_at")
    ):
        opens, closes = signin_window(inv.course)
        courses.append({"inv": inv, "opens": opens, "closes": closes, "open_now": opens <= now <= closes})
    from ..models import LiaisonOfficer

    ctx = {
        "officer": LiaisonOfficer.objects.filter(user=request.user).exists(),
        "mandates": mandates,
        "sittings": _with_meeting_replies(
            SittingInvitation.objects.filter(
                mandate_id__in=ids, sitting__on__gte=today - timezone.timedelta(days=60)
            )
            .select_related("sitting", "mandate__person")
            .order_by("sitting__on")
        ),
        "courses": courses,
        "activities": PlannedActivity.objects.filter(
            mandates__in=ids, state=ActivityState.PLANNED, end__gte=today
        )
        .select_related("plan")
        .distinct()
        .order_by("start")[:10],
        "meetings": OfficialMeeting.objects.filter(mandates__in=ids).select_related("unit").distinct()[:10],
        "members": MemberLink.objects.filter(mandate_id__in=ids, end_date__isnull=True).select_related(
            "member"
        ),
    }
    return render(request, "liaison/my.html", ctx)


@require_POST
def sitting_reply(request, pk: int):
    _require_deputy(request)
    inv = get_object_or_404(SittingInvitation, pk=pk, mandate__person__user=request.user)
    accept = request.POST.get("accept") == "1"
    return run_button(
        request,
        lambda: services.reply(inv, accept=accept, by=request.user),
        ok="已答复：参加" if accept else "已答复：不参加",
        to="liaison:my",
        action="liaison.sitting_reply",
    )


@require_POST
def course_sign_in(request, pk: int):
    _require_deputy(request)
    inv = get_object_or_404(CourseInvitation, pk=pk, mandate__person__user=request.user)
    return run_button(
        request,
        lambda: services.sign_in(inv, by=request.user),
        ok="签到成功，已记入履职档案（学习培训）",
        to="liaison:my",
        action="liaison.course_sign_in",
    )
