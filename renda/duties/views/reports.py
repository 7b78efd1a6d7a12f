"""Reports to voters: plan, invite, attendance, paper ballots, QR code for phones, count, publish."""

import io

import segno
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from renda.core import audit, params, xlsx_export
from renda.core.errors import Refused
from renda.core.views.refusals import refusal_response
from renda.deputies.choices import CURRENT_STATUSES

from .. import export_columns, permissions, selectors, services
from ..choices import MeetingStatus, Verdict
from ..forms import InviteForm, MeetingForm, PaperForm
from .common import deputy_bodies, id_param


def meetings(request):
    permissions.require_read(request.user)
    qs = selectors.meetings_in_scope(request.user).select_related("body").order_by("-on", "-id")
    if xlsx_export.wanted(request):
        return xlsx_export.respond(
            request, "述职会", qs, export_columns.REPORT_MEETINGS, action="duties.export"
        )
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "duties/meetings.html", {"page": page})


def meeting_new(request):
    permissions.require_read(request.user)
    bodies = deputy_bodies(request.user)
    body = (
        bodies.filter(pk=id_param(request.GET.get("body"), request.POST.get("body"))).first()
        or bodies.first()
    )
    mandates = (
        selectors.mandates_visible(request.user)
        .filter(body=body, status__in=CURRENT_STATUSES)
        .select_related("person", "body")
        .order_by("person__name_pinyin")
    )
    form = MeetingForm(request.POST or None, mandates=mandates)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        people = list(d["mandates"]) or (
            list(mandates.filter(constituency=d["constituency"])) if d["constituency"] else []
        )
        try:
            m = services.plan_meeting(
                body=body,
                title=d["title"],
                on=d["on"],
                place=d["place"],
                mandates=people,
                constituency=d["constituency"],
                by=request.user,
            )
        except Refused as exc:
            audit.record_refusal(exc, by=request.user, action="duty.plan_report")
            form.add_error(None, exc.message)
        else:
            return redirect("duties:meeting", pk=m.pk)
    return render(
        request,
        "duties/meeting_new.html",
        {"form": form, "bodies": bodies, "body": body},
        status=422 if form.errors else 200,
    )


def meeting_detail(request, pk: int):
    permissions.require_read(request.user)
    m = get_object_or_404(selectors.meetings_in_scope(request.user).select_related("body"), pk=pk)
    return _detail(request, m)


def _detail(request, m, *, invite_form=None, paper_form=None, status: int = 200):
    """The meeting page; after a bad invitation list or paper count it comes back with what was typed."""
    reporting = m.mandates.select_related("person").order_by("person__name_pinyin")
    tally = services.tally(m)
    rows = []
    for mandate in reporting:
        t = tally.get(mandate.pk, {})
        total = sum(t.values())
        rows.append(
            {
                "m": mandate,
                **t,
                "total": total,
                "rate": f"{100 * (t.get('satisfied', 0) + t.get('basic', 0)) / total:.1f}%" if total else "—",
            }
        )
    ballot_url = request.build_absolute_uri(reverse("duties_public:ballot", args=[m.token]))
    return render(
        request,
        "duties/meeting.html",
        {
            "m": m,
            "rows": rows,
            "invitees": list(m.invitees.all()),
            "invite_form": invite_form or InviteForm(),
            "paper_form": paper_form or PaperForm(mandates=reporting),
            "ballot_url": ballot_url,
            "S": MeetingStatus,
            "attended": m.invitees.filter(attended=True).count(),
            "can_manage": permissions.can_manage(request.user, m.body),
        },
        status=status,
    )


def _meeting(request, pk):
    return get_object_or_404(selectors.meetings_in_scope(request.user), pk=pk)


@require_POST
def meeting_action(request, pk: int, action: str):
    m = _meeting(request, pk)
    back = reverse("duties:meeting", args=[m.pk])
    form = None
    try:
        if action == "invite":
            form = InviteForm(request.POST)
            if not form.is_valid():
                raise Refused("invite_invalid", "请按每行“姓名,村（社区）”填写选民代表名单")
            n = services.invite(m, people=form.cleaned_data["people"], by=request.user)
            messages.success(request, f"已邀请 {n} 位选民代表。")
        elif action == "attendance":
            ids = params.id_list(request.POST.getlist("present"))
            n = services.take_attendance(m, present=ids, by=request.user)
            messages.success(request, f"到会选民代表 {n} 人，可以开始评议。")
        elif action == "paper":
            form = PaperForm(request.POST, mandates=m.mandates.all())
            if not form.is_valid():
                raise Refused("paper_invalid", "请填写各项票数（不小于 0 的整数）")
            d = form.cleaned_data
            services.enter_paper(
                m, mandate=d["mandate"], counts={v: d[v] for v in Verdict.values}, by=request.user
            )
            messages.success(request, "纸质评议票已录入。")
        elif action == "publish":
            services.publish_result(m, by=request.user)
            messages.success(request, "评议结果已当场公布，并记入代表履职档案。")
    except Refused as exc:
        if form is None:
            return refusal_response(request, exc, redirect_to=back, action=f"duty.report_{action}")
        # A typed list of voters or a count comes back on the page instead of being lost to a redirect.
        audit.record_refusal(exc, by=request.user, action=f"duty.report_{action}")
        form.add_error(None, exc.message)
        kind = "invite_form" if action == "invite" else "paper_form"
        return _detail(request, m, **{kind: form}, status=422)
    return redirect(back)


def meeting_qr(request, pk: int):
    """The QR code voters scan at the meeting (SVG, made on the server: nothing from another host)."""
    m = _meeting(request, pk)
    url = request.build_absolute_uri(reverse("duties_public:ballot", args=[m.token]))
    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="svg", scale=6, border=2, title="扫码评议", xmldecl=True)
    return HttpResponse(buf.getvalue(), content_type="image/svg+xml")
