"""Public pages (no login): the published plan, appraisal results, the filing list, projects, hearing questions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from renda.core import audit, ratelimit
from renda.core.context import client_ip
from renda.core.errors import Refused
from renda.core.views.refusals import limited, refusal_response

from .. import services
from ..choices import HearingStatus, PlanStatus, ProjectStatus
from ..models import Appraisal, Filing, Hearing, Plan, Project
from .common import text


@login_not_required
def index(request):
    return render(
        request,
        "supervision/public/index.html",
        {
            "plans": Plan.objects.filter(status=PlanStatus.PUBLISHED).select_related("body"),
            "appraisals": Appraisal.objects.filter(published_at__isnull=False),
            "hearings": Hearing.objects.filter(public=True, status=HearingStatus.COLLECTING),
            "projects": Project.objects.exclude(status=ProjectStatus.NOT_SELECTED).select_related("unit")[
                :30
            ],
        },
    )


@login_not_required
def plan(request, pk: int):
    p = get_object_or_404(Plan, pk=pk, status=PlanStatus.PUBLISHED)
    return render(
        request,
        "supervision/public/plan.html",
        {"plan": p, "items": p.items.select_related("unit", "committee")},
    )


@login_not_required
def appraisal(request, pk: int):
    a = get_object_or_404(Appraisal, pk=pk, published_at__isnull=False)
    return render(
        request,
        "supervision/public/appraisal.html",
        {"a": a, "people": a.appraisees.select_related("unit").order_by("-ranked", "list_name", "rank")},
    )


@login_not_required
def filings(request):
    return render(
        request, "supervision/public/filings.html", {"rows": Filing.objects.select_related("unit")[:200]}
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def hearing(request, pk: int):
    h = get_object_or_404(Hearing, pk=pk, public=True)
    if request.method == "POST":
        try:
            _limit(request)
            services.hearing.propose(h, asker=text(request, "asker", 40), text=text(request, "text", 2000))
        except ratelimit.RateLimited as exc:
            # Not a redirect: the answer itself must be the 429 with Retry-After; the message says when.
            audit.record_refusal(exc, action="supervision.hearing_question")
            messages.error(request, exc.message)
            return limited(render(request, "supervision/public/hearing.html", {"h": h}), exc)
        except Refused as exc:
            return refusal_response(request, exc, redirect_to=f"/supervision/hearings/{h.pk}/")
        messages.success(request, "问题已提交，感谢您的参与")
        return redirect(f"/supervision/hearings/{h.pk}/")
    return render(request, "supervision/public/hearing.html", {"h": h})


PER_HOUR = 5
# At most five questions an hour from one address (the public form has no account): a row of the one limiter.
QUESTION_IP = ratelimit.define(
    ratelimit.Limit(
        "supervision.question_ip",
        PER_HOUR,
        3600,
        "网络问政征集问题：每个地址",
        setting="SUPERVISION_LIMIT_QUESTION_IP",
        code="too_many_questions",
        message="提交过于频繁，请{wait}再试",
    )
)


def _limit(request) -> None:
    ratelimit.hit(QUESTION_IP, client_ip(request) or "none")
