"""Station keeper's phone screens (register walk-ins, reception days) and the deputy's schedule."""

from django.contrib import messages as flash
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from renda.core import audit, xlsx_export
from renda.core.errors import Refused
from renda.core.permissions import require_role
from renda.core.roles import Role
from renda.core.views.refusals import refusal_response, refused_form
from renda.deputies.models import Mandate

from .. import codes, export_columns, selectors, services, uploads
from ..choices import ReceptionStatus
from ..forms import ReceptionForm, RegisterForm, ServedForm
from ..models import DutyAssignment
from .common import page_of

KEEPERS = {Role.STATION_KEEPER, Role.STAFF}


def register(request):
    """A walk-in or phone message typed in by the keeper on a phone; optionally answered on the spot."""
    require_role(request.user, KEEPERS, action="登记来访来电")
    stations = selectors.stations_in_scope(request.user).order_by("name")
    form = RegisterForm(request.POST or None, request.FILES or None, stations=stations)
    if request.method != "POST":
        return render(request, "contact/register.html", {"form": form})
    if not form.is_valid():
        return render(request, "contact/register.html", {"form": form}, status=422)
    d = form.cleaned_data
    try:
        photos = uploads.clean_all(d["photos"], keep_location=d["keep_location"])
        m = services.register(
            services.Draft.of(d),
            station=d["station"],
            channel=d["channel"],
            photos=photos,
            answer_now=d["answer_now"],
            by=request.user,
        )
    except Refused as exc:
        return refused_form(request, form, exc, "contact/register.html", {}, action="contact.register")
    # The code is shown on this response only (no redirect: a flash message would keep it in the session).
    return render(request, "contact/registered.html", {"m": m, "display": codes.display(m.code)})


def receptions(request):
    require_role(request.user, KEEPERS, action="安排接待日")
    if xlsx_export.wanted(request) and request.method == "GET":
        return xlsx_export.respond(
            request, "接待日", _receptions(request), export_columns.RECEPTIONS, action="contact.export"
        )
    form = _reception_form(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            day = services.plan_reception(
                d["station"],
                on=d["date"],
                starts=d["starts"],
                ends=d["ends"],
                topic=d["topic"],
                mandates=list(d["mandates"]),
                by=request.user,
            )
        except Refused as exc:
            return refused_form(
                request,
                form,
                exc,
                "contact/receptions.html",
                _reception_ctx(request),
                action="contact.reception.plan",
            )
        flash.success(request, f"已安排 {day.date:%Y-%m-%d} 接待日，请在公布期限前公布。")
        return redirect("contact:receptions")
    return render(
        request,
        "contact/receptions.html",
        {**_reception_ctx(request), "form": form},
        status=422 if request.method == "POST" else 200,
    )


def _reception_form(request, data=None) -> ReceptionForm:
    stations = selectors.stations_in_scope(request.user).order_by("name")
    mandates = (
        Mandate.objects.filter(stations__in=stations, status="active")
        .select_related("person", "body")
        .distinct()
        .order_by("person__name_pinyin")
    )
    return ReceptionForm(data, stations=stations, mandates=mandates)


def _receptions(request):
    return selectors.receptions_for(request.user).order_by("-date", "-starts", "-id")


def _reception_ctx(request) -> dict:
    return {
        "page": page_of(request, _receptions(request), 20),
        "query": "",
        "today": timezone.localdate(),
        "served_form": ServedForm(),
        "statuses": ReceptionStatus,
    }


@require_POST
def reception_act(request, pk: int, action: str):
    require_role(request.user, KEEPERS, action="安排接待日")
    day = get_object_or_404(selectors.receptions_for(request.user), pk=pk)
    try:
        if action == "publish":
            services.publish_reception(day, by=request.user)
        elif action == "served":
            form = ServedForm(request.POST)
            if not form.is_valid():
                raise Refused("contact_visitors_invalid", "请填写接待人次（0–10000 的整数）")
            services.mark_served(
                day,
                visitors=form.cleaned_data["visitors"],
                summary=form.cleaned_data["summary"],
                by=request.user,
            )
        elif action == "cancel":
            services.cancel_reception(day, reason=request.POST.get("reason", "")[:4000], by=request.user)
        else:
            raise Refused("contact_action_unknown", "未知的操作")
    except Refused as exc:
        if action not in ("served", "cancel"):
            return refusal_response(
                request, exc, redirect_to="/work/contact/receptions/", action=f"contact.reception.{action}"
            )
        # What was typed comes back in the row's form, open, with the reason (nothing was changed).
        audit.record_refusal(exc, by=request.user, action=f"contact.reception.{action}")
        failed = {"day": day.pk, "action": action, "error": exc.message, **request.POST.dict()}
        return render(
            request,
            "contact/receptions.html",
            {**_reception_ctx(request), "form": _reception_form(request), "failed": failed},
            status=422,
        )
    flash.success(
        request,
        {
            "publish": "已在门户公布，并通知接待代表确认",
            "served": "已登记接待完成，计入代表履职",
            "cancel": "已取消",
        }[action],
    )
    return redirect("contact:receptions")


def my_schedule(request):
    require_role(request.user, {Role.DEPUTY}, action="查看接待安排")
    duties = selectors.my_duties(request.user).exclude(reception__status=ReceptionStatus.PLANNED)[:100]
    return render(request, "contact/my_schedule.html", {"duties": duties, "today": timezone.localdate()})


@require_POST
def duty_act(request, pk: int, action: str):
    require_role(request.user, {Role.DEPUTY}, action="确认接待安排")
    duty = get_object_or_404(DutyAssignment.objects.filter(mandate__person__user=request.user), pk=pk)
    try:
        if action == "confirm":
            services.confirm_duty(duty, by=request.user)
        else:
            services.decline_duty(duty, reason=request.POST.get("reason", ""), by=request.user)
    except Refused as exc:
        return refusal_response(
            request, exc, redirect_to="/work/contact/schedule/", action=f"contact.duty.{action}"
        )
    flash.success(request, "已确认参加" if action == "confirm" else "已告知联络站不能参加")
    return redirect("contact:my_schedule")
