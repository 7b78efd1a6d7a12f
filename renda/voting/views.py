"""Screens of the vote engine: the member's ballot and receipt, the chair's control panel, the big screen,
and the public QR ballot. Thin: parse, call a service or selector, render (house-style.md)."""

import io
import uuid

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from renda.core.context import client_ip
from renda.core.errors import Refused
from renda.core.permissions import bodies_in_scope, require_business
from renda.core.roles import Role
from renda.core.views.refusals import limited, refusal_response, refused_form
from renda.meetings.selectors import members_of

from . import limits, public, selectors, services
from .forms import PollForm
from .models import Kind, Option, Poll, PublicBallot, Rule, State
from .workflow import CHAIR, POLL

DEVICE_COOKIE = "rv_dev"


def _is_chair(user, poll: Poll) -> bool:
    return user.role in CHAIR and bodies_in_scope(user).filter(pk=poll.body_id).exists()


def _poll(request, pk: int, *, chair: bool = False) -> Poll:
    """Not found and not yours look the same: the chair's screens for staff and leaders of the body's scope,
    the ballot for them and the electorate."""
    poll = Poll.objects.select_related("rule", "body").filter(pk=pk).first()
    if poll is None:
        raise Http404
    if _is_chair(request.user, poll):
        return poll
    if not chair and selectors.is_elector(poll, request.user):
        return poll
    raise Http404


def _choices_from(request, poll: Poll) -> list:
    picked = [int(v) for v in request.POST.getlist("option") if v.isdigit()][:50]
    if poll.kind == Kind.ELECTION:
        picked += [w.strip()[:40] for w in request.POST.getlist("write_in") if w.strip()][:20]
    return picked


def index(request):
    """Polls of the user's scope (chair), or the user's own open polls (a member)."""
    require_business(request.user)  # the three admins read no business data (domain.md §7.1)
    form = None
    if request.user.role in CHAIR:
        form = PollForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            try:
                poll = services.create_poll(
                    body=request.user.body,
                    title=d["title"],
                    kind=d["kind"],
                    options=form.option_list(),
                    rule=d["rule"],
                    electorate=members_of(request.user.body),
                    secret=d["secret"],
                    allow_public=d["allow_public"],
                    paper=d["paper"],
                    seats=d["seats"],
                    by=request.user,
                )
            except Refused as exc:
                return refused_form(request, form, exc, "voting/index.html", _index_context(request, form))
            messages.success(request, "已创建表决，可在控制台开始")
            return redirect("voting:control", poll.pk)
    return render(
        request,
        "voting/index.html",
        _index_context(request, form),
        status=422 if form and form.errors else 200,
    )


def _index_context(request, form) -> dict:
    if request.user.role in CHAIR:
        polls = Poll.objects.filter(body__in=bodies_in_scope(request.user))
    else:
        polls = Poll.objects.filter(voters__user=request.user)
    polls = polls.select_related("rule", "body").order_by("-created_at")[:100]
    return {"polls": polls, "chair": request.user.role in CHAIR, "form": form}


def vote(request, pk: int):
    """The member's device: the ballot while the poll is open, the receipt after (issue 17)."""
    poll = _poll(request, pk)
    elector = selectors.is_elector(poll, request.user)
    if request.method == "POST":
        if not elector:
            raise Http404
        try:
            services.cast(
                poll, voter=request.user, choices=_choices_from(request, poll), key=request.POST.get("key")
            )
        except Refused as exc:
            return refusal_response(
                request, exc, redirect_to=reverse("voting:vote", args=[poll.pk]), action="cast"
            )
        return redirect("voting:vote", poll.pk)
    receipt = selectors.receipt_for(poll, request.user) if elector else None
    ctx = {
        "poll": poll,
        "elector": elector,
        "receipt": receipt,
        "options": poll.options.filter(write_in=False),
        "key": uuid.uuid4(),
        "write_ins": range(poll.mark_limit) if poll.kind == Kind.ELECTION else (),
        "multi": poll.kind in (Kind.SELECTION, Kind.ELECTION),
        "result": selectors.result(poll) if poll.state == State.ANNOUNCED else None,
    }
    template = "voting/_vote_panel.html" if request.headers.get("HX-Request") else "voting/vote.html"
    return render(request, template, ctx)


def _qr(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=8, border=2)


def control(request, pk: int):
    """The chair's panel: open, close, announce, void, re-vote with a reason; who has not voted; paper entry."""
    poll = _poll(request, pk, chair=True)
    res = selectors.result(poll, names=not poll.secret)
    missing = list(selectors.not_voted(poll)) if not poll.secret and poll.state == State.OPEN else []
    ctx = {
        "poll": poll,
        "res": res,
        "missing": missing,
        "actions": [s.action for s in POLL.allowed(poll, request.user)],
        "options": poll.options.all(),
        "events": poll.events.select_related("by")[:30],
        "runoff": selectors.runoff_candidates(poll) if res.needs_another_round and res.final else [],
        "rounds": _rounds(poll),
        "public_url": request.build_absolute_uri(reverse("voting_public:vote", args=[poll.public_token])),
    }
    template = "voting/_control_live.html" if request.headers.get("HX-Request") else "voting/control.html"
    return render(request, template, ctx)


def _rounds(poll: Poll) -> list[Poll]:
    chain, p = [], poll
    while p.previous_id:
        p = p.previous
        chain.append(p)
    nxt = Poll.objects.filter(previous=poll).first()
    return list(reversed(chain)) + [poll] + ([nxt] if nxt else [])


@require_POST
def act(request, pk: int, action: str):
    poll = _poll(request, pk, chair=True)
    back = reverse("voting:control", args=[poll.pk])
    reason = request.POST.get("reason", "")
    try:
        if action == "open":
            services.open_poll(poll, by=request.user)
        elif action == "close":
            services.close_poll(poll, by=request.user)
        elif action == "announce":
            services.announce(poll, by=request.user)
        elif action == "void":
            services.void(poll, reason=reason, by=request.user)
        elif action == "revote":
            kw = {}
            if request.POST.get("runoff") and poll.kind == Kind.ELECTION:
                res = selectors.result(poll)
                seats = poll.seat_count - len(res.elected) if res.tied else res.remaining_seats
                kw = {"options": selectors.runoff_candidates(poll), "seats": seats}
                runoff_code = f"{poll.rule.code}_runoff"  # 另行选举 counts by its own rule (选举法第四十五条)
                if not poll.rule.code.endswith("_runoff") and Rule.objects.filter(code=runoff_code).exists():
                    kw["rule"] = runoff_code
            nxt = services.revote(poll, reason=reason, by=request.user, **kw)
            messages.success(request, f"已安排第{nxt.round}轮表决")
            return redirect("voting:control", nxt.pk)
        elif action == "paper":
            counts = {o.pk: request.POST.get(f"count_{o.pk}", "") for o in poll.options.all()}
            extra = request.POST.get("write_in_name", "").strip()
            if extra:
                counts[extra] = request.POST.get("write_in_count", "0")
            poll = services.enter_paper(
                poll,
                counts=counts,
                ballots_issued=request.POST.get("ballots_issued"),
                ballots_returned=request.POST.get("ballots_returned"),
                invalid=request.POST.get("invalid") or 0,
                by=request.user,
            )
            if poll.state == State.VOIDED:
                messages.error(request, poll.void_reason)
                return redirect(back)
        else:
            raise Http404
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=back, action=action)
    messages.success(request, "已完成：" + {"paper": "纸质票录入"}.get(action, POLL.step(action).label))
    return redirect(back)


def screen(request, pk: int):
    """The big screen (1920×1080): live totals while open, the result the moment it closes; names for open
    votes, totals only for secret ones. It refreshes itself (htmx polling, no outside host)."""
    poll = _poll(request, pk, chair=True)
    if request.user.role not in CHAIR and request.user.role != Role.LEADER:
        raise Http404
    res = selectors.result(poll, names=not poll.secret)
    public_url = request.build_absolute_uri(reverse("voting_public:vote", args=[poll.public_token]))
    ctx = {
        "poll": poll,
        "res": res,
        "qr": _qr(public_url) if poll.allow_public and poll.state == State.OPEN else "",
        "public_url": public_url,
        "show": poll.state != State.DRAFT,
    }
    template = "voting/_screen.html" if request.headers.get("HX-Request") else "voting/screen.html"
    return render(request, template, ctx)


def qr(request, pk: int):
    poll = _poll(request, pk, chair=True)
    url = request.build_absolute_uri(reverse("voting_public:vote", args=[poll.public_token]))
    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="svg", scale=10, border=2, title="扫码投票", xmldecl=True)
    return HttpResponse(buf.getvalue(), content_type="image/svg+xml")


# Public ballot (/v/<token>/): no account; one vote per device (a signed device token in a cookie).


def _device(request) -> str | None:
    raw = request.COOKIES.get(DEVICE_COOKIE, "")
    return limits.read_device(raw) if raw else None


@login_not_required
def public_vote(request, token: str):
    poll = Poll.objects.select_related("rule").filter(public_token=token[:32], allow_public=True).first()
    if poll is None:
        raise Http404
    device = _device(request)
    issued = None
    if device is None:
        if request.method == "POST":
            messages.error(request, "无法识别设备：请允许浏览器保存 Cookie 后重新扫码")
            return redirect("voting_public:vote", token)
        try:
            issued = limits.new_device(client_ip(request) or "")
        except Refused as exc:
            response = render(request, "voting/public.html", {"poll": poll, "error": exc.message}, status=409)
            return limited(response, exc)
        device = limits.read_device(issued)
    receipt, error, refusal = None, "", None
    if request.method == "POST":
        try:
            receipt = services.cast_public(
                poll, device=device, choices=_choices_from(request, poll), key=request.POST.get("key")
            )
        except Refused as exc:
            error, refusal = exc.message, exc
    already = receipt or PublicBallot.objects.filter(poll=poll, device=public.device_hash(device)).first()
    ctx = {
        "poll": poll,
        "options": Option.objects.filter(poll=poll, write_in=False),
        "key": uuid.uuid4(),
        "receipt": receipt,
        "already": bool(already),
        "error": error,
        "multi": poll.kind == Kind.SELECTION,
    }
    response = limited(render(request, "voting/public.html", ctx, status=409 if error else 200), refusal)
    if issued:
        response.set_cookie(
            DEVICE_COOKIE,
            issued,
            max_age=86400 * 30,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response
