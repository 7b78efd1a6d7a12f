"""Insight screens: the routing panel beside the hand-over forms, similar items (htmx partials), merges,
hot topics, reply-quality hints and the model versions page. Thin: selectors and services do the work."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from renda.core import params
from renda.core.errors import Refused
from renda.core.models import Unit
from renda.core.permissions import require_business, require_role
from renda.core.roles import Role

from . import items, selectors, services
from .ml import data
from .models import ModelVersion, Verdict

MAX_TEXT = 20000


def _item(request, kind: str, pk: int):
    """The message or suggestion, within the user's scope (404 for not found and not yours)."""
    if kind == "message":
        from renda.contact.selectors import message_in_scope

        return message_in_scope(request.user, pk)
    if kind == "suggestion":
        from renda.suggestions.selectors import get_item

        return get_item(request.user, pk)
    raise Http404("未知的对象类型")


def _route_context(request, obj, *, saved=None, error: str = "") -> dict:
    from renda.contact.choices import Category

    kind = items.kind_of(obj)
    hint = selectors.suggest_route(items.text_of(obj), body=obj.body)
    ids = [p for p in obj.body.path.strip("/").split("/") if p]
    paths = ["/" + "/".join(ids[: i + 1]) + "/" for i in range(len(ids))]
    return {
        "obj": obj,
        "kind": kind,
        "hint": hint,
        "saved": saved,
        "error": error,
        "categories": Category.choices,
        "units": Unit.objects.filter(body__path__in=paths, active=True).order_by("name"),
    }


@require_GET
def route_hint(request, kind: str, pk: int):
    """The routing suggestion panel (htmx partial), beside contact's forward and suggestions' hand-over."""
    require_role(request.user, {Role.STAFF}, action="查看分办建议")
    obj = _item(request, kind, pk)
    return render(request, "insight/_route.html", _route_context(request, obj))


@require_POST
def route_verdict(request, kind: str, pk: int):
    require_role(request.user, {Role.STAFF}, action="分办建议反馈")
    obj = _item(request, kind, pk)
    ctx = _route_context(request, obj)
    verdict = request.POST.get("verdict", "")
    unit = None
    if request.POST.get("unit", "").isdigit():
        unit = ctx["units"].filter(pk=int(request.POST["unit"])).first()
        if unit is None:
            return render(
                request, "insight/_route.html", ctx | {"error": "所选承办单位不存在或不可选"}, status=422
            )
    category = request.POST.get("category", "")
    if category and category not in dict(ctx["categories"]):
        return render(request, "insight/_route.html", ctx | {"error": "未知的类别"}, status=422)
    try:
        fb = services.record_verdict(
            obj,
            by=request.user,
            verdict=verdict,
            suggestion=ctx["hint"].as_feedback(),
            category=category,
            unit=unit,
        )
    except Refused as exc:
        return render(request, "insight/_route.html", ctx | {"error": exc.message}, status=422)
    return render(request, "insight/_route.html", ctx | {"saved": fb})


def _scope_body(user):
    """The root of the user's data scope (a standing committee's staff act for their congress)."""
    from renda.core.models import Body

    return Body.objects.filter(path=user.body.scope_path).first() or user.body


def _text_from_post(request) -> str:
    parts = [request.POST.get(k, "") for k in ("title", "facts", "proposals", "content", "text")]
    return "\n".join(p for p in parts if p)[:MAX_TEXT]


@require_POST
def similar_draft(request):
    """Similar earlier items for a suggestion being written (the deputy's form posts its fields here)."""
    require_business(request.user)
    if request.user.body_id is None:
        return HttpResponse("")
    body = _scope_body(request.user)
    text = _text_from_post(request)
    if len(text.strip()) < 4:
        return render(request, "insight/_similar.html", {"matches": [], "draft": True, "waiting": True})
    matches = selectors.similar_items(text, body=body, limit=6)
    staff = request.user.role == Role.STAFF
    if not staff:  # a deputy sees other deputies' public suggestions and the topic of messages, no links
        matches = [m for m in matches if m.entry.kind == "message" or not _private(m.entry.pk)]
    return render(request, "insight/_similar.html", {"matches": matches, "links": staff, "draft": True})


def _private(pk: int) -> bool:
    from renda.suggestions.models import Suggestion

    return Suggestion.objects.filter(pk=pk, private=True).exists()


@require_GET
def similar_item(request, kind: str, pk: int):
    """Similar items when staff screen a message or a suggestion, with 并案 buttons and the item's group."""
    require_role(request.user, {Role.STAFF, Role.LEADER}, action="查看相似件")
    obj = _item(request, kind, pk)
    matches = selectors.similar_items(items.text_of(obj), body=obj.body, exclude=(kind, pk), limit=8)
    return render(
        request,
        "insight/_similar.html",
        {
            "matches": matches,
            "links": True,
            "obj": obj,
            "kind": kind,
            "group": selectors.merge_group(obj),
            "can_merge": request.user.role == Role.STAFF,
        },
    )


@require_POST
def merge(request, kind: str, pk: int):
    require_role(request.user, {Role.STAFF}, action="并案")
    obj = _item(request, kind, pk)
    other_kind = request.POST.get("other_kind", "")
    other_pk = request.POST.get("other_pk", "")
    if other_kind not in items.KINDS or not other_pk.isdigit():
        messages.error(request, "请选择要并案的件")
        return redirect(_back(kind, pk))
    other = _item(request, other_kind, int(other_pk))
    try:
        services.merge(obj, other, by=request.user, reason=request.POST.get("reason", "")[:500])
    except Refused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已并案：两件互相链接，各自的提出人都保留")
    return redirect(_back(kind, pk))


def _back(kind: str, pk: int) -> str:
    from django.urls import reverse

    return reverse("contact:detail" if kind == "message" else "suggestions:detail", args=[pk])


DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date(value: str, default: date) -> date:
    if value and DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    return default


@require_GET
def hot(request):
    """热点: topics of the period against their own baseline; local messages, or the shared board data."""
    require_role(request.user, {Role.STAFF, Role.LEADER}, action="查看热点")
    from renda.contact.choices import Category
    from renda.deputies.models import Station

    source = "shared" if request.GET.get("source") == "shared" and data.available(data.HOT) else "local"
    today = date.today()
    default_end = date(2019, 12, 31) if source == "shared" else today
    end = _date(request.GET.get("end", ""), default_end)
    start = _date(request.GET.get("start", ""), end - timedelta(days=29 if source == "local" else 90))
    error = ""
    if start > end:
        start, end, error = end, start, "开始日期晚于结束日期，已对调"
    if (end - start).days > 366:
        start, error = end - timedelta(days=366), "时段最长一年，已截取最后一年"
    body = _scope_body(request.user)
    stations = Station.objects.filter(body__in=body.descendants()).order_by("name")
    townships = body.descendants(include_self=False).order_by("name")
    station = (
        stations.filter(pk=request.GET["station"]).first()
        if request.GET.get("station", "").isdigit()
        else None
    )
    township = (
        townships.filter(pk=request.GET["township"]).first()
        if request.GET.get("township", "").isdigit()
        else None
    )
    category = request.GET.get("category", "")
    category = category if category in Category.values else ""
    if source == "shared":
        topics = selectors.hot_topics_shared(start, end, limit=10)
    else:
        topics = selectors.hot_topics(
            body, start, end, 10, station=station, township=township, category=category
        )
    campaigns = [] if source == "shared" else _campaigns(body, start, end)
    return render(
        request,
        "insight/hot.html",
        {
            "topics": topics,
            "start": start,
            "end": end,
            "source": source,
            "error": error,
            "stations": stations,
            "townships": townships,
            "station": station,
            "township": township,
            "category": category,
            "categories": Category.choices,
            "shared_available": data.available(data.HOT),
            "campaigns": campaigns,
            "body": body,
        },
    )


def _campaigns(body, start, end):
    from .selectors.similar import body_campaigns

    return body_campaigns(body, start=start, end=end)[:10]


MASK = re.compile(r"\d{7,}")


@require_GET
def shared_message(request, ref: str):
    """One message of the shared board data (附件3), digits of phone-like numbers masked."""
    require_role(request.user, {Role.STAFF, Role.LEADER}, action="查看热点")
    row = next((r for r in data.read_csv(data.HOT) if r.get("留言编号") == ref), None)
    if row is None:
        raise Http404("没有这条留言")
    clean = {k: MASK.sub(lambda m: m.group()[:3] + "****", v or "") for k, v in row.items()}
    return render(request, "insight/shared_message.html", {"row": clean})


@require_POST
def reply_hints(request, kind: str, pk: int):
    """Hints for a draft reply (htmx): the reply form posts its text; answers the panel."""
    require_business(request.user)
    obj = (
        _item(request, kind, pk)
        if request.user.role not in {Role.UNIT_HANDLER, Role.UNIT_HEAD}
        else _unit_item(request, kind, pk)
    )
    draft = _draft_text(request, kind, obj)[:MAX_TEXT]
    asked = getattr(obj, "received_at", None) or getattr(obj, "submitted_at", None)
    due = getattr(obj, "reply_due", None)
    hints = selectors.reply_hints(
        items.text_of(obj), draft, asked_on=asked.date() if asked else None, replied_on=date.today(), due=due
    )
    return render(request, "insight/_reply_hints.html", {"hints": hints})


def _draft_text(request, kind: str, obj) -> str:
    """What the hints read: a stored draft (`reply=<id>`, the unit head's approval card; a unit sees only its
    own drafts, as on the item's page) or the form being typed, whose field may carry its form's prefix
    (contact's `reply-text`)."""
    post = request.POST
    if post.get("reply"):
        rid = params.id_param(post["reply"])  # bounded: a 20-digit id would overflow PostgreSQL's bigint
        if kind != "suggestion" or rid is None:
            raise Http404("没有这份答复")
        from renda.suggestions.models import Reply, ReplyStatus

        reply = Reply.objects.filter(pk=rid, suggestion=obj, status=ReplyStatus.DRAFT).first()
        if reply is None or (
            request.user.role in {Role.UNIT_HANDLER, Role.UNIT_HEAD} and reply.unit_id != request.user.unit_id
        ):
            raise Http404("没有这份待审核的答复")
        return reply.content
    for key in ("text", "content"):
        if post.get(key):
            return post[key]
    return next((v for k, v in post.items() if k.endswith(("-text", "-content")) and v), "")


def _unit_item(request, kind: str, pk: int):
    from renda.core.permissions import get_in_scope

    if kind == "message":
        from renda.contact.models import Message

        return get_in_scope(Message.objects.all(), request.user, pk, unit_field="unit")
    from renda.suggestions.models import Suggestion

    return get_in_scope(Suggestion.objects.all(), request.user, pk, unit_field="assignments__unit")


def models_page(request):
    """The router's versions: which is active, what it was trained on; rollback to the previous one."""
    require_role(request.user, {Role.STAFF}, action="管理分办模型")
    if request.method == "POST":
        try:
            row = services.rollback(by=request.user)
        except Refused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已回退到 v{row.version}")
        return redirect("insight:models")
    return render(
        request, "insight/models.html", {"versions": ModelVersion.objects.all()[:20], "verdicts": Verdict}
    )
