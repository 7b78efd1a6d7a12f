"""Public pages: published scores (when a body publishes to the portal) and the voters' phone ballot."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from renda.core import params, ratelimit
from renda.core.context import client_ip
from renda.core.errors import Refused
from renda.core.models import Body
from renda.core.views.refusals import limited

from .. import selectors, services
from ..choices import MeetingStatus, Verdict
from ..models import ReportMeeting
from .common import id_param


def _portal_body():
    from renda.deputies.public import portal_body

    return portal_body()


@login_not_required
def scores(request):
    """Published scores per body and year; `?body=` and `?year=` narrow the list (bad values are ignored)."""
    all_pubs = selectors.published_for_portal()
    bodies = list(Body.objects.filter(pk__in=all_pubs.values("body")).order_by("path"))
    body = next((b for b in bodies if b.pk == id_param(request.GET.get("body"))), None)
    year = params.year_param(request.GET.get("year"), default=0) or None
    pubs = list(selectors.published_for_portal(body, year)[:200])
    groups: dict = {}
    for p in pubs:
        groups.setdefault(p.body, {}).setdefault(p.year, []).append(p)
    ctx = {
        "groups": [{"body": b, "years": sorted(ys.items(), reverse=True)} for b, ys in groups.items()],
        "bodies": bodies,
        "body": body,
        "year": year,
        "county": _portal_body(),
    }
    return render(request, "duties/public_scores.html", ctx)


@login_not_required
def publication(request, pk: int):
    pub = get_object_or_404(selectors.published_for_portal(), pk=pk)
    page = Paginator(pub.scores.select_related("mandate__person").order_by("rank", "id"), 50).get_page(
        request.GET.get("page")
    )
    ctx = {"pub": pub, "page": page, "county": _portal_body()}
    return render(request, "duties/public_publication.html", ctx)


# A phone's ballot has no account; the session stops a second ballot from the same phone, and this limit stops
# one address from filling the meeting's ballots (and the session table) by dropping its cookie each time.
# Generous: a hall's phones share its Wi-Fi; the attendance cap (services._check_room) is the hard bound.
BALLOT_IP = ratelimit.define(
    ratelimit.Limit(
        "duties.ballot_ip",
        300,
        3600,
        "述职评议扫码投票：每个地址",
        setting="DUTIES_LIMIT_BALLOT_IP",
        message="提交过于频繁，请稍后再试",
    )
)


@login_not_required
def ballot(request, token: str):
    """One ballot per phone: the session remembers that this phone has voted at this meeting."""
    meeting = get_object_or_404(ReportMeeting, token=token)
    mandates = list(meeting.mandates.select_related("person").order_by("person__name_pinyin"))
    key = f"duties_ballot_{meeting.pk}"
    done, error, refusal = request.session.get(key) == "done", "", None
    if request.method == "POST" and not done:
        verdicts = {m.pk: request.POST.get(f"m{m.pk}", "") for m in mandates}
        try:
            ratelimit.hit(BALLOT_IP, client_ip(request))
            if not request.session.session_key:
                request.session.save()
            services.vote_by_phone(meeting, ballot=f"s:{request.session.session_key}", verdicts=verdicts)
        except Refused as exc:
            error, refusal = exc.message, exc
        else:
            request.session[key] = "done"
            done = True
    response = render(
        request,
        "duties/ballot.html",
        {
            "meeting": meeting,
            "mandates": mandates,
            "done": done,
            "error": error,
            "open": meeting.status == MeetingStatus.HELD,
            "verdicts": Verdict.choices,
        },
        status=409 if error else 200,
    )
    return limited(response, refusal)  # a rate limit's refusal: 429 with Retry-After
