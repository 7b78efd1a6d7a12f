"""Deputy screens (mobile first): my items, write or edit a draft with co-signers, submit."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse

from renda.core import audit
from renda.core.errors import NotPermitted, Refused
from renda.core.permissions import require_role
from renda.core.roles import Role
from renda.core.views.refusals import refusal_response
from renda.deputies.choices import MandateStatus
from renda.deputies.filters import name_query
from renda.deputies.models import Mandate
from renda.deputies.selectors import mandates_for_user

from .. import forms, permissions, selectors, services
from ..models import State
from ..services.submission import EDITABLE


def mine(request):
    require_role(request.user, {Role.DEPUTY}, action="查看我的建议")
    qs = (
        selectors.items_for(request.user)
        .select_related(*selectors.LIST_RELATED)
        .order_by("-updated_at")[:200]
    )
    items = list(qs)
    lead = [i for i in items if i.lead.person.user_id == request.user.pk]
    cosigned = [i for i in items if i.lead.person.user_id != request.user.pk]
    return render(
        request,
        "suggestions/mine.html",
        {"lead": lead, "cosigned": cosigned, "can_write": mandates_for_user(request.user).exists()},
    )


def _cosigner_mandates(item_body, ids: list[int]) -> list[Mandate]:
    found = list(
        Mandate.objects.filter(body=item_body, pk__in=ids)
        .exclude(status=MandateStatus.ENDED)
        .select_related("person")
    )
    missing = set(ids) - {m.pk for m in found}
    if missing:
        names = [str(m.person) for m in Mandate.objects.filter(pk__in=missing).select_related("person")]
        who = "、".join(sorted(names)) if names else "所选代表"
        raise Refused(
            "cosigner_not_deputy_of_body", f"{who}不是{item_body}的在任代表，不能附议；请取消勾选或重新查找"
        )
    return found


SEARCH_LIMIT = 20


def cosigner_search(request):
    """GET ?q=<name or pinyin>&mandate=<the lead's mandate> (or item=<draft>): the seated deputies of that
    congress who match, as checkboxes for the picker (htmx partial). Bad parameters are ignored."""
    require_role(request.user, {Role.DEPUTY}, action="查找附议代表")
    g = request.GET
    mandates = mandates_for_user(request.user)
    lead = None
    item_pk = g.get("item", "")
    if item_pk.isdigit():
        item = selectors.items_for(request.user).filter(pk=int(item_pk)).select_related("lead").first()
        lead = item.lead if item and permissions.is_lead(request.user, item) else None
    mandate_pk = g.get("mandate", "")
    if lead is None and mandate_pk.isdigit():
        lead = mandates.filter(pk=int(mandate_pk)).first()
    lead = lead or mandates.first()
    q = " ".join((g.get("q") or g.get("cosigner_q") or "").split())[:20]
    picked_ids = [int(v) for v in g.getlist("cosigners") if v.isdigit()][:300]
    ctx = {"q": q, "picked": [], "found": [], "more": False, "body": lead.body if lead else ""}
    if lead is None:
        ctx["error"] = "您当前没有在任的代表资格"
        return render(request, "suggestions/_cosigner_results.html", ctx)
    seated = (
        Mandate.objects.filter(body=lead.body, status=MandateStatus.ACTIVE)
        .exclude(person__user=request.user)
        .select_related(*forms.COSIGNER_RELATED)
    )
    by_pk = {m.pk: m for m in seated.filter(pk__in=picked_ids)}
    ctx["picked"] = [by_pk[i] for i in dict.fromkeys(picked_ids) if i in by_pk]
    if q:
        found = list(
            seated.filter(name_query(q))
            .exclude(pk__in=by_pk)
            .order_by("person__name_pinyin", "delegation__name", "id")[: SEARCH_LIMIT + 1]
        )
        ctx["found"], ctx["more"] = found[:SEARCH_LIMIT], len(found) > SEARCH_LIMIT
    return render(request, "suggestions/_cosigner_results.html", ctx)


def _refused(request, form, exc: Refused, *, action: str, **ctx):
    """A refusal on the draft form: audited, the form shown again with everything typed and the reason beside
    the field it concerns (issue 14: nothing typed is lost)."""
    audit.record_refusal(exc, by=request.user, action=action)
    form.add_error("cosigners" if exc.code.startswith("cosigner") else None, exc.message)
    return render(request, "suggestions/edit.html", {"form": form, **ctx}, status=422)


def _invalid(request, form, **ctx):
    return render(request, "suggestions/edit.html", {"form": form, **ctx}, status=422)


def new(request):
    require_role(request.user, {Role.DEPUTY}, action="提出建议")
    mandates = mandates_for_user(request.user)
    if not mandates.exists():
        raise NotPermitted("no_mandate", "您当前没有在任的代表资格")
    form = forms.DraftForm(
        request.POST or None,
        mandates=mandates,
        initial={"contact": request.user.phone, "card_number": mandates.first().card_number},
    )
    if request.method != "POST":
        return render(request, "suggestions/edit.html", {"form": form, "new": True})
    if not form.is_valid():
        return _invalid(request, form, new=True)
    d = form.cleaned_data
    try:
        with transaction.atomic():
            cos = _cosigner_mandates(d["mandate"].body, d["cosigners"])
            item = services.create_draft(
                mandate=d["mandate"],
                title=d["title"],
                content=d["facts"],
                proposals=d["proposals"],
                kind=d["kind"],
                period=d["period"],
                contact=d["contact"],
                private=d["private"],
                cosigners=cos,
                by=request.user,
            )
            if d["card_number"] != item.card_number:
                services.update_draft(item, card_number=d["card_number"], by=request.user)
    except Refused as exc:
        return _refused(request, form, exc, action="suggestion.create", new=True)
    if "submit" in request.POST:
        try:
            services.submit(item, by=request.user)
        except Refused as exc:
            # The draft is saved with everything typed; the deputy fixes it there.
            return refusal_response(
                request,
                exc,
                redirect_to=reverse("suggestions:edit", args=[item.pk]),
                action="suggestion.submit",
            )
    messages.success(request, "已提交" if item.state != State.DRAFT else "草稿已保存")
    return redirect("suggestions:detail", item.pk)


def edit(request, pk: int):
    require_role(request.user, {Role.DEPUTY}, action="修改建议")
    item = selectors.get_item(request.user, pk)
    ids = [c.mandate_id for c in item.cosigners.order_by("id")]
    form = forms.DraftForm(request.POST or None, instance=item, initial={"cosigners": ids})
    ctx = {"item": item, "new": False}
    if request.method != "POST":
        return render(request, "suggestions/edit.html", {"form": form, **ctx})
    # The form writes into the instance while validating; re-read it so only the service saves.
    if not form.is_valid():
        return _invalid(request, form, **ctx)
    d = form.cleaned_data
    item.refresh_from_db()
    try:
        with transaction.atomic():
            cos = _cosigner_mandates(item.body, d["cosigners"])
            services.update_draft(
                item,
                cosigners=cos,
                by=request.user,
                **{k: d[k] for k in EDITABLE},
            )
            if "submit" in request.POST:
                services.submit(item, by=request.user)
    except Refused as exc:
        return _refused(request, form, exc, action="suggestion.update", **ctx)
    messages.success(request, "已提交" if item.state != State.DRAFT else "草稿已保存")
    return redirect("suggestions:detail", item.pk)
