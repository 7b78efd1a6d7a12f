"""The chair's control panel, the big screen and the door's sign-in code."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from renda.core.errors import Refused
from renda.core.views.refusals import refusal_response

from .. import permissions, selectors, services, votes
from ..forms import PollForm
from ..models import AgendaItem
from ..workflow import MEETING
from .common import meeting_for


def control(request, pk: int):
    m = meeting_for(request, pk)
    permissions.require_chair(request.user, m, action="主持会议")
    polls = votes.polls_of_meeting(m)
    return render(
        request,
        "meetings/control.html",
        {
            "m": m,
            "q": selectors.quorum(m),
            "items": [
                (
                    it,
                    polls.get(it.pk, []),
                    not any(p.state in ("draft", "open") for p in polls.get(it.pk, [])),
                )
                for it in m.items.all()
            ],
            "steps": [s for s in MEETING.allowed(m, request.user) if s.action in ("open", "close")],
            "engine": votes.engine() is not None,
            "poll_form": PollForm(),
        },
    )


@require_POST
def set_item(request, pk: int):
    m = meeting_for(request, pk)
    back = reverse("meetings:control", args=[m.pk])
    raw = request.POST.get("item", "")
    item = get_object_or_404(AgendaItem, pk=raw, meeting=m) if raw.isdigit() else None
    try:
        services.set_current_item(m, item=item, by=request.user)
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=back, action="切换议题")
    return redirect(back)


@require_POST
def timer(request, pk: int):
    m = meeting_for(request, pk)
    back = reverse("meetings:control", args=[m.pk])
    raw = request.POST.get("minutes", "0")
    try:
        services.set_timer(m, minutes=int(raw) if raw.isdigit() else -1, by=request.user)
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=back, action="计时")
    return redirect(back)


@require_POST
def new_poll(request, pk: int, item_pk: int):
    m = meeting_for(request, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=m)
    back = reverse("meetings:control", args=[m.pk])
    form = PollForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
        return redirect(back)
    d = form.cleaned_data
    kind = d.get("kind") or "motion"
    try:
        poll = votes.create_item_poll(
            item,
            title=d.get("title", ""),
            secret=d.get("secret", False),
            kind=kind,
            rule=d.get("rule", "") or ("" if kind == "motion" else votes.default_rule(m, kind)),
            options=d.get("options"),
            seats=d.get("seats"),
            by=request.user,
        )
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=back, action="发起表决")
    messages.success(request, f"“{poll.title}”已开始表决，组成人员可在手机上投票")
    return redirect(back)


@require_POST
def poll_act(request, pk: int, poll_pk: int, action: str):
    """Open, close or announce a poll of this meeting from the chair's panel (renda.voting's services)."""
    from renda.voting.models import Poll

    m = meeting_for(request, pk)
    poll = get_object_or_404(Poll, pk=poll_pk)
    back = reverse("meetings:control", args=[m.pk])
    try:
        votes.poll_action(poll, action, by=request.user)
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=back, action="表决")
    messages.success(
        request,
        {"open": "已开始表决", "close": "表决已结束", "announce": "已宣布表决结果"}.get(action, "已保存"),
    )
    return redirect(back)


def mmss(seconds: int | None) -> str:
    return "" if seconds is None else f"{seconds // 60:02d}:{seconds % 60:02d}"


def _screen_ctx(m):
    current = m.current_item
    poll, res = None, None
    plist = votes.polls_of(current) if current else []
    if plist:
        poll = plist[-1]
        res = votes.result(poll)
    left = max(0, int((m.timer_ends_at - timezone.now()).total_seconds())) if m.timer_ends_at else None
    return {
        "m": m,
        "q": selectors.quorum(m),
        "current": current,
        "timer_text": mmss(left),
        "poll": poll,
        "result": res,
        "now": timezone.now(),
        "timer_left": left,
    }


def screen(request, pk: int):
    """The big screen: quorum, the current item, the last result, a countdown. Refreshes itself (htmx)."""
    m = meeting_for(request, pk)
    permissions.require_chair(request.user, m, action="打开大屏")
    tpl = "meetings/_screen.html" if request.headers.get("HX-Request") else "meetings/screen.html"
    return render(request, tpl, _screen_ctx(m))


def door(request, pk: int):
    """The door's screen: a QR code that turns over after each use and every N seconds (htmx refresh)."""
    import segno

    m = meeting_for(request, pk)
    ctx = {"m": m, "q": selectors.quorum(m)}
    try:
        token, until = services.door_code(m, by=request.user)
    except Refused as exc:
        ctx["error"] = exc.message
    else:
        url = request.build_absolute_uri(reverse("meetings:sign_in", args=[token]))
        ctx.update(
            svg=segno.make(url, error="m").svg_inline(scale=7, dark="#1d273b"),
            until=until,
            seconds_left=max(0, int((until - timezone.now()).total_seconds())),
            seconds_text=mmss(max(0, int((until - timezone.now()).total_seconds()))),
            url=url,
        )
    tpl = "meetings/_door.html" if request.headers.get("HX-Request") else "meetings/door.html"
    return render(request, tpl, ctx)
