"""Shared screens: the role's start page, the searchable list, one item's page, a reply's document."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from renda.core import params
from renda.core.models import Unit
from renda.core.permissions import require_business
from renda.core.roles import UNIT_ROLES, Role

from .. import forms, permissions, selectors, workflow
from ..models import (
    OPEN_STATES,
    ContactForm,
    ContactStage,
    Kind,
    Reconsideration,
    ReconsiderationStatus,
    ReplyStatus,
    State,
)
from . import typed
from .actions import act  # noqa: F401  (re-exported for urls)

PAGE_SIZE = 30


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
    page = Paginator(qs, PAGE_SIZE).get_page(g.get("page"))
    query = urlencode([(k, v) for k, v in g.items() if k != "page" and v])
    ctx = {
        "page": page,
        "f": f,
        "states": [("open", "在办（全部）"), *State.choices],
        "kinds": Kind.choices,
        "query": query,
        "years": range(timezone.localdate().year, timezone.localdate().year - 4, -1),
    }
    template = "suggestions/_rows.html" if request.headers.get("HX-Request") else "suggestions/list.html"
    return render(request, template, ctx)


def item_detail(request, pk: int):
    require_business(request.user)
    item = selectors.get_item(request.user, pk)
    user = request.user
    assignments = list(item.assignments.select_related("unit").order_by("status", "role", "id"))
    replies = list(item.replies.select_related("unit", "approved_by", "drafted_by", "evaluation"))
    visible_replies = [r for r in replies if permissions.can_read_reply(user, item, r)]
    steps = {s.action for s in workflow.allowed(item, user)}
    mine = permissions.assignment_for(user, item)
    is_lead = permissions.is_lead(user, item)
    cos = permissions.cosigner_row(user, item)
    staff_here = permissions.in_body_scope(user, item)
    to_rate = (
        [
            r
            for r in replies
            if r.status == ReplyStatus.SENT and r.round == item.round and not hasattr(r, "evaluation")
        ]
        if is_lead and item.state == State.REPLIED
        else []
    )
    drafts = [r for r in replies if r.status == ReplyStatus.DRAFT and mine and r.unit_id == mine.unit_id]
    action, posted, files = typed.take(request, item.pk)

    def bound(name: str):
        """What was typed into the form of `name`, if that form was just refused (else None: a blank form)."""
        return posted if action == name else None

    ctx = {
        "item": item,
        "assignments": assignments,
        "replies": visible_replies,
        "cosigners": list(item.cosigners.select_related("mandate__person")),
        "contacts": list(item.contacts.select_related("unit")),
        "extensions": list(item.extensions.select_related("unit")),
        "promises": list(item.promises.select_related("unit")),
        "timeline": list(item.timeline.all()),
        "supervisions": list(item.supervisions.all()),
        "escalations": list(item.escalations.all()),
        "steps": steps,
        "mine": mine,
        "is_lead": is_lead,
        "cosigner": cos,
        "staff_here": staff_here,
        "to_rate": to_rate,
        "drafts": drafts,
        "is_head": user.role == Role.UNIT_HEAD,
        "owes_reply": bool(
            mine
            and item.state in (State.HANDED_OVER, State.HANDLING, State.REHANDLING)
            and mine.pk in {a.pk for a in _replying(item)}
        ),
        "kept": {action: posted} if posted is not None else {},
        **_waiting_on(item, user, assignments=assignments, steps=steps, mine=mine, staff_here=staff_here),
        "units": Unit.objects.filter(body=item.body, active=True).order_by("name") if staff_here else [],
        "open": item.state in OPEN_STATES,
        "today": timezone.localdate(),
        "reply_form": _reply_form(bound("draft_reply"), files),
        "contact_form": forms.ContactRecordForm(
            bound("record_contact"), initial={"on": timezone.localdate()}
        ),
        "not_accept_form": forms.NotAcceptForm(bound("not_accept")),
        "motion_form": forms.MotionForm(bound("review_motion")),
        "escalation_form": forms.EscalationForm(bound("record_escalation")),
        "stages": ContactStage.choices,
        "contact_forms": ContactForm.choices,
        "hand_over_form": forms.HandOverForm(
            bound("hand_over"), units=Unit.objects.filter(body=item.body, active=True)
        )
        if staff_here and item.state == State.ACCEPTED
        else None,
        **_reconsideration(
            item,
            user,
            steps=steps,
            cosigner=cos,
            is_lead=is_lead,
            staff_here=staff_here,
            posted=bound("decide_reconsideration"),
        ),
    }
    return render(request, "suggestions/detail.html", ctx)


def _reply_form(posted, files: list[str]) -> forms.ReplyForm:
    """The reply form, refilled after a refusal; a file input cannot be refilled, so it says to choose it again."""
    f = forms.ReplyForm(posted)
    if posted is not None and not f.is_valid() and "document" in f.errors:
        chosen = f"（刚才选择的是“{files[0]}”）" if files else ""
        f.errors["document"] = f.error_class([f"出错后浏览器不会保留已选择的文件，请重新选择答复函{chosen}"])
    return f


def _waiting_on(item, user, *, assignments, steps, mine, staff_here: bool) -> dict:
    """Who the item waits for, for the people who can chase them (§1.3 steps 1 and 4): the co-signers still to
    confirm (staff and the lead deputy), the co-handling units whose opinion the lead unit's reply still lacks."""
    from ..services import cohandlers_owing, cosigners_unconfirmed

    out: dict = {}
    if item.state == State.COSIGNING and (staff_here or permissions.is_lead(user, item)):
        out["unconfirmed"] = cosigners_unconfirmed(item)
        out["can_remind_cosigners"] = "remind_cosigners" in steps and bool(out["unconfirmed"])
    lead_unit = bool(mine and mine.role == "lead")
    if (staff_here or lead_unit) and any(a.role == "co" and a.status != "returned" for a in assignments):
        owing = cohandlers_owing(item)
        out["cohandlers_owing"] = owing
        out["can_remind_cohandler"] = "remind_cohandler" in steps and any(
            a.role == "co" and a.status != "returned" and not a.opinion for a in assignments
        )
    return out


def _reconsideration(item, user, *, steps, cosigner, is_lead: bool, staff_here: bool, posted=None) -> dict:
    """The §1.4 reconsideration panel: the request and its support count, and who may do what next."""
    from ..services import reconsideration

    if not item.motion_decision:
        return {}
    rec = Reconsideration.objects.filter(suggestion=item).select_related("requested_by", "decided_by").first()
    if rec is None and item.motion_decision not in reconsideration.RECONSIDERABLE:
        return {}
    t = reconsideration.tally(item, rec)
    now = timezone.now()
    supporters = list(rec.supports.select_related("mandate__person")) if rec else []
    is_open = bool(rec and rec.status == ReconsiderationStatus.OPEN)
    sponsor = bool(cosigner and cosigner.confirmed_at and not cosigner.declined_at)
    return {
        "recon_show": rec is not None or not t.late(now),
        "recon": rec,
        "recon_tally": t,
        "recon_late": t.late(now),
        "recon_supporters": supporters,
        "recon_open": is_open,
        "recon_can_request": is_lead
        and rec is None
        and "request_reconsideration" in steps
        and not t.late(now),
        "recon_can_support": is_open
        and sponsor
        and "support_reconsideration" in steps
        and not t.late(now)
        and cosigner.mandate_id not in {x.mandate_id for x in supporters},
        "recon_decide_form": forms.ReconsiderationDecisionForm(posted)
        if is_open and staff_here and "decide_reconsideration" in steps
        else None,
    }


def _replying(item):
    from ..services import replying

    return replying(item)


def reply_document(request, pk: int, reply_id: int):
    require_business(request.user)
    item = selectors.get_item(request.user, pk)
    r = item.replies.filter(pk=reply_id).first()
    if r is None or not r.document or not permissions.can_read_reply(request.user, item, r):
        raise Http404("记录不存在或无权查看")
    return FileResponse(
        r.document.open("rb"), as_attachment=True, filename=r.document.name.rsplit("/", 1)[-1]
    )
