"""Deputy screens (mobile first): my items, write or edit a draft with co-signers, submit."""

from django.contrib import messages
from django.shortcuts import redirect, render

from renda.core.errors import NotPermitted, Refused
from renda.core.permissions import require_role
from renda.core.roles import Role
from renda.core.views.refusals import refusal_response
from renda.deputies.choices import MandateStatus
from renda.deputies.models import Mandate
from renda.deputies.selectors import mandates_for_user

from .. import forms, selectors, services
from ..models import State


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


def _cosigner_mandates(item_body, numbers: list[str]) -> list[Mandate]:
    found = list(
        Mandate.objects.filter(body=item_body, card_number__in=numbers)
        .exclude(status=MandateStatus.ENDED)
        .select_related("person")
    )
    missing = set(numbers) - {m.card_number for m in found}
    if missing:
        raise Refused(
            "cosigner_not_deputy_of_body", "以下代表证号不是本级在任代表：" + "、".join(sorted(missing))
        )
    return found


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
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            cos = _cosigner_mandates(d["mandate"].body, form.cosigner_numbers())
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
            if "submit" in request.POST:
                services.submit(item, by=request.user)
        except Refused as exc:
            return refusal_response(request, exc, redirect_to=request.path, action="suggestion.create")
        messages.success(request, "已提交" if item.state != State.DRAFT else "草稿已保存")
        return redirect("suggestions:detail", item.pk)
    return render(request, "suggestions/edit.html", {"form": form, "new": True})


def edit(request, pk: int):
    require_role(request.user, {Role.DEPUTY}, action="修改建议")
    item = selectors.get_item(request.user, pk)
    numbers = " ".join(c.mandate.card_number for c in item.cosigners.select_related("mandate"))
    form = forms.DraftForm(request.POST or None, instance=item, initial={"cosigners": numbers})
    # The form writes into the instance while validating; re-read it so only the service saves.
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        item.refresh_from_db()
        try:
            cos = _cosigner_mandates(item.body, form.cosigner_numbers())
            services.update_draft(
                item,
                cosigners=cos,
                by=request.user,
                **{
                    k: d[k]
                    for k in (
                        "kind",
                        "period",
                        "title",
                        "facts",
                        "proposals",
                        "card_number",
                        "contact",
                        "private",
                    )
                },
            )
            if "submit" in request.POST:
                services.submit(item, by=request.user)
        except Refused as exc:
            return refusal_response(request, exc, redirect_to=request.path, action="suggestion.update")
        messages.success(request, "已提交" if item.state != State.DRAFT else "草稿已保存")
        return redirect("suggestions:detail", item.pk)
    return render(request, "suggestions/edit.html", {"form": form, "item": item, "new": False})
