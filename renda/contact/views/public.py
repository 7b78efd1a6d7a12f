"""The voter's pages (portal, phone-first): leave a message, get a code, follow it, rate the answer."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from renda.core import audit
from renda.core.context import client_ip
from renda.core.errors import Refused
from renda.core.models import Body, Level
from renda.core.params import id_param
from renda.core.views.refusals import refused_form
from renda.deputies.models import Station

from .. import actions, captcha, codes, ratelimit, selectors, services, uploads
from ..choices import PUBLIC_STEPS, Channel, ReceptionStatus, Status
from ..forms import PublicMessageForm, RateForm, TrackForm
from ..permissions import actions_for

NOT_FOUND = "未查到与该查询码对应的留言。请核对查询码（共 12 位，不含 0、1、I、L、O）后重新输入。"


def _county():
    return Body.objects.filter(level=Level.COUNTY, parent__isnull=True).order_by("path").first()


def _int(value) -> int | None:
    return id_param(value)


def _addressee(request):
    """The station or deputy the message goes to, from ?station= / ?deputy= (QR codes carry these)."""
    src = request.POST if request.method == "POST" else request.GET
    station, mandate, _ = selectors.addressees(_int(src.get("station")), _int(src.get("deputy")))
    return station, mandate if mandate is not None and mandate.is_current else None


def _context(request, form, station, mandate) -> dict:
    challenge = captcha.new()
    form.initial["captcha_token"] = challenge.token
    if form.is_bound:
        data = form.data.copy()
        data["captcha_token"], data["captcha_answer"] = challenge.token, ""
        form.data = data
    return {
        "form": form,
        "station": station,
        "mandate": mandate,
        "captcha": challenge,
        "county": _county(),
        "stations": Station.objects.filter(active=True).select_related("body").order_by("body__path", "name"),
        "via": request.GET.get("via", request.POST.get("via", ""))[:10],
    }


@login_not_required
def new(request):
    station, mandate = _addressee(request)
    if request.method != "POST":
        return render(
            request, "contact/public/new.html", _context(request, PublicMessageForm(), station, mandate)
        )
    form = PublicMessageForm(request.POST, request.FILES)
    ip = client_ip(request)
    try:
        ratelimit.hit("SUBMIT_IP", ip, message="提交过于频繁，请稍后再试，或到联络站当面反映")
        if not form.is_valid():
            return render(
                request, "contact/public/new.html", _context(request, form, station, mandate), status=422
            )
        captcha.verify(form.cleaned_data["captcha_token"], form.cleaned_data["captcha_answer"])
        if station is None and mandate is None:
            raise Refused("contact_no_addressee", "请选择联络站，或从代表页面留言")
        d = form.cleaned_data
        if d["phone"]:
            ratelimit.hit(
                "SUBMIT_PHONE",
                d["phone"],
                message="该手机号今天提交的留言已达上限，请{wait}再试或到联络站当面反映",
            )
        photos = uploads.clean_all(d["photos"], keep_location=d["keep_location"])
        message = services.submit(
            services.Draft.of(d),
            station=station,
            mandate=mandate,
            photos=photos,
            channel=Channel.QR if request.POST.get("via") == "qr" else Channel.WEB,
        )
    except Refused as exc:
        return refused_form(
            request,
            form,
            exc,
            "contact/public/new.html",
            _context(request, form, station, mandate),
            action="contact.submit",
        )
    request.session["contact_code"] = message.code
    return redirect("contact_public:done")


@login_not_required
def done(request):
    code = request.session.pop("contact_code", None)
    if not code:
        return redirect("contact_public:track")
    return render(
        request,
        "contact/public/done.html",
        {"code": code, "display": codes.display(code), "county": _county()},
    )


def _not_found(request, form=None):
    form = form or TrackForm()
    if form.is_bound:
        form.is_valid()
        form.add_error(None, NOT_FOUND)
    return render(
        request,
        "contact/public/track.html",
        {"form": form, "county": _county(), "not_found": NOT_FOUND},
        status=200,
    )


def _lookup(request, raw: str):
    """Every lookup counts against the IP's allowance; a wrong code and a missing one look the same."""
    ratelimit.check_track(client_ip(request))
    return selectors.by_code(codes.normalise(raw))


@login_not_required
def track(request):
    if request.method != "POST":
        return render(request, "contact/public/track.html", {"form": TrackForm(), "county": _county()})
    form = TrackForm(request.POST)
    if not form.is_valid():
        return render(request, "contact/public/track.html", {"form": form, "county": _county()}, status=422)
    try:
        message = _lookup(request, form.cleaned_data["code"])
    except Refused as exc:
        return refused_form(request, form, exc, "contact/public/track.html", {"county": _county()})
    if message is None:
        return _not_found(request, form)
    return redirect("contact_public:status", code=codes.normalise(form.cleaned_data["code"]))


@login_not_required
def status(request, code: str):
    try:
        message = _lookup(request, code)
    except Refused as exc:
        return refused_form(
            request, TrackForm({"code": code[:20]}), exc, "contact/public/track.html", {"county": _county()}
        )
    if message is None:
        return _not_found(request, TrackForm({"code": code[:20]}))
    return render(request, "contact/public/status.html", _status_context(message, RateForm(), code))


def _status_context(message, rate_form, code: str) -> dict:
    reached = {e.status_after for e in message.events.all()}
    steps = [(s, Status(s).label, s in reached or (s == Status.RECEIVED)) for s in PUBLIC_STEPS]
    return {
        "m": message,
        "code": codes.normalise(code),  # what the visitor typed, for the rating form; never displayed
        "steps": steps,
        "rate_form": rate_form,
        "county": _county(),
        "can_rate": "rate" in actions_for(None, message),
    }


@login_not_required
@require_POST
def rate(request, code: str):
    try:
        ratelimit.hit("RATE_IP", client_ip(request), message="操作过于频繁，请稍后再试")
        message = _lookup(request, code)
    except Refused as exc:
        return refused_form(
            request, TrackForm({"code": code[:20]}), exc, "contact/public/track.html", {"county": _county()}
        )
    if message is None:
        return _not_found(request, TrackForm({"code": code[:20]}))
    form = RateForm(request.POST)
    if not form.is_valid():
        return render(request, "contact/public/status.html", _status_context(message, form, code), status=422)
    try:
        actions.run("rate", message, actions.from_form("rate", form), by=None)  # the voter: no account
    except Refused as exc:
        audit.record_refusal(exc, action="contact.rate")
        form.add_error(None, exc.message)
        return render(request, "contact/public/status.html", _status_context(message, form, code), status=422)
    return redirect("contact_public:status", code=codes.normalise(code))


@login_not_required
def receptions(request):
    station = None
    if sid := _int(request.GET.get("station")):
        station = Station.objects.filter(pk=sid, active=True).first()
        if station is None:
            raise Http404
    days = selectors.public_receptions(station=station)[:100]
    return render(
        request,
        "contact/public/receptions.html",
        {
            "days": days,
            "station": station,
            "county": _county(),
            "published": ReceptionStatus.PUBLISHED,
            "stations": Station.objects.filter(active=True).order_by("body__path", "name"),
        },
    )
