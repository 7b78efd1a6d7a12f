"""Shared screens: the role's start page, the searchable list, one item's page, a reply's document."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from renda.core import params, xlsx_export
from renda.core.models import Unit
from renda.core.permissions import require_business
from renda.core.roles import UNIT_ROLES, Role

from .. import export_columns, forms, permissions, selectors
from ..models import Kind, State
from . import typed
from .actions import act  # noqa: F401  (re-exported for urls)

PAGE_SIZE = 30
DUE_FILTER = [("soon", "即将到期"), ("overdue", "已超期")]  # the list's 期限 filter, as its form labels it


def home(request):
    require_business(request.user)
    role = request.user.role
    if role == Role.DEPUTY:
        return redirect("suggestions:mine")
    if role in UNIT_ROLES:
        return redirect("suggestions:unit")
    if role == Role.LEADER:
        return redirect("suggestions:leader")
    return redirect("suggestions:staff")


def item_list(request):
    require_business(request.user)
    g = request.GET
    f = {
        "q": (g.get("q") or "")[:50],
        "state": (g.get("state") or "")[:20],
        "year": params.id_param(g.get("year")),
        "kind": (g.get("kind") or "")[:12],
        "priority": g.get("priority") == "1",
        "due": (g.get("due") or "")[:8],
        "unit": params.id_param(g.get("unit")),
    }
    qs = selectors.search(request.user, **f)
    states = [("open", "在办（全部）"), *State.choices]
    # The unit filter comes from links (超期 by unit), not a selector: the page names it and keeps it.
    unit = Unit.objects.filter(pk=f["unit"]).values_list("pk", "name").first() if f["unit"] else None
    if xlsx_export.wanted(request):
        return xlsx_export.respond(
            request,
            "建议议案",
            qs,
            export_columns.ITEMS,
            action="suggestions.export",
            choices={
                "state": states,
                "due": DUE_FILTER,
                "priority": {"1": "是"},
                "unit": [unit] if unit else [],
            },
        )
    page = Paginator(qs, PAGE_SIZE).get_page(g.get("page"))
    query = urlencode([(k, v) for k, v in g.items() if k != "page" and v])
    ctx = {
        "page": page,
        "f": f,
        "states": states,
        "kinds": Kind.choices,
        "query": query,
        "unit": unit and unit[1],
        "without_unit": urlencode([(k, v) for k, v in g.items() if k not in {"page", "unit"} and v]),
        "years": range(timezone.localdate().year, timezone.localdate().year - 4, -1),
    }
    template = "suggestions/_rows.html" if request.headers.get("HX-Request") else "suggestions/list.html"
    return render(request, template, ctx)


def item_detail(request, pk: int):
    """One item's page: what the user may see and do comes from `selectors.item_page`; the view adds the
    forms, refilled with what was typed if the last post of that form was refused."""
    require_business(request.user)
    page = selectors.item_page(request.user, pk)
    item = page.item
    action, posted, files = typed.take(request, item.pk)

    def bound(name: str):
        """What was typed into the form of `name`, if that form was just refused (else None: a blank form)."""
        return posted if action == name else None

    recon = page.reconsideration
    forms_ = {
        "reply": _reply_form(bound("draft_reply"), files),
        "contact": forms.ContactRecordForm(bound("record_contact"), initial={"on": page.today}),
        "not_accept": forms.NotAcceptForm(bound("not_accept")),
        "motion": forms.MotionForm(bound("review_motion")),
        "escalation": forms.EscalationForm(bound("record_escalation")),
        "hand_over": forms.HandOverForm(
            bound("hand_over"), units=Unit.objects.filter(body=item.body, active=True)
        )
        if page.staff_here and item.state == State.ACCEPTED
        else None,
        "decide_reconsideration": forms.ReconsiderationDecisionForm(bound("decide_reconsideration"))
        if recon and recon.can_decide
        else None,
    }
    kept = {action: posted} if posted is not None else {}
    return render(request, "suggestions/detail.html", {"page": page, "forms": forms_, "kept": kept})


def _reply_form(posted, files: list[str]) -> forms.ReplyForm:
    """The reply form, refilled after a refusal; a file input cannot be refilled, so it says to choose it again."""
    f = forms.ReplyForm(posted)
    if posted is not None and not f.is_valid() and "document" in f.errors:
        chosen = f"（刚才选择的是“{files[0]}”）" if files else ""
        f.errors["document"] = f.error_class([f"出错后浏览器不会保留已选择的文件，请重新选择答复函{chosen}"])
    return f


def reply_document(request, pk: int, reply_id: int):
    require_business(request.user)
    item = selectors.get_item(request.user, pk)
    r = item.replies.filter(pk=reply_id).first()
    if r is None or not r.document or not permissions.can_read_reply(request.user, item, r):
        raise Http404("记录不存在或无权查看")
    return FileResponse(
        r.document.open("rb"), as_attachment=True, filename=r.document.name.rsplit("/", 1)[-1]
    )
