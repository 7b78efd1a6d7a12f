"""The office's screens for member-deputy links: coverage this year, linking, unlinking; and the overview."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from renda.core import xlsx_export
from renda.core.models import User
from renda.core.params import year_param
from renda.deputies.models import DeputyGroup
from renda.meetings.selectors import members_of

from .. import export_columns, permissions, selectors, services
from ..choices import MeetingState
from ..forms import LinkForm, current_mandates
from ..models import Course, LiaisonOfficer, MemberLink, OfficialMeeting, Sitting
from .common import congress, require_office, run_button, run_form


def _committee(request):
    """The standing committee whose links the office manages: the user's own body, or the committee of the
    user's congress."""
    from renda.core.models import Body, BodyKind

    body = request.user.body
    if body.kind == BodyKind.STANDING_COMMITTEE:
        return body
    return Body.objects.filter(parent=body, kind=BodyKind.STANDING_COMMITTEE).first() or body


def overview(request):
    require_office(request)
    if permissions.is_subdistrict(request.user.body):
        from .area import area

        return area(request)  # a 工委 has no committee members or deputies of its own: its area's deputies
    sc = _committee(request)
    year = timezone.localdate().year
    cov = selectors.coverage(sc, year=year)
    ctx = {
        "year": year,
        "cov": cov,
        "requested": OfficialMeeting.objects.filter(
            body=congress(request), status=MeetingState.REQUESTED
        ).count(),
        "sittings": Sitting.objects.filter(body=sc, on__gte=timezone.localdate()).count(),
        "courses": Course.objects.filter(body=request.user.body, starts_at__gte=timezone.now()).count(),
        "officer": LiaisonOfficer.objects.filter(user=request.user).exists(),
    }
    return render(request, "liaison/overview.html", ctx)


def links(request):
    require_office(request)
    sc = _committee(request)
    year = year_param(request.GET.get("year"))
    members = User.objects.filter(pk__in=members_of(sc, voting_only=False).values("pk")).order_by("full_name")
    form = LinkForm(
        request.POST or None,
        members=members,
        mandates=current_mandates(congress(request)),
        groups=DeputyGroup.objects.filter(body=congress(request), closed=False),
    )
    ctx = {
        "cov": selectors.coverage(sc, year=year),
        "year": year,
        "links": MemberLink.objects.filter(body=sc, end_date__isnull=True).select_related(
            "member", "mandate__person"
        ),
    }
    if xlsx_export.wanted(request):
        return xlsx_export.respond(
            request, "联系代表", ctx["links"], export_columns.LINKS, action="liaison.export"
        )
    if request.method == "POST":
        return run_form(
            request,
            form,
            lambda d: services.link_deputies(
                d["member"], mandates=d["mandates"], group=d["group"], by=request.user
            ),
            ok="联系关系已确定",
            to="liaison:links",
            template="liaison/links.html",
            ctx=ctx,
            action="liaison.link",
        )
    return render(request, "liaison/links.html", {**ctx, "form": form})


@require_POST
def unlink(request, pk: int):
    require_office(request)
    row = get_object_or_404(MemberLink, pk=pk)
    return run_button(
        request,
        lambda: services.unlink(row, by=request.user),
        ok="已解除联系",
        to="liaison:links",
        action="liaison.unlink",
    )
