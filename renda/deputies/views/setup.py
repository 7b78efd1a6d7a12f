"""Staff screens to set up a congress: its terms, delegations, constituencies and groups (issue 14).
Thin: parse the form, call `services.setup`, render. Forms keep what was typed on an error."""

from datetime import date

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from renda.core import audit
from renda.core.errors import Refused
from renda.core.queries import one_or_none

from .. import permissions
from ..models import Term
from ..services import setup
from .common import deputy_bodies


def _body(request, pk: int):
    body = one_or_none(deputy_bodies(request.user).filter(pk=pk))
    if body is None:
        raise Http404("记录不存在或无权查看")
    return body


def setup_index(request):
    permissions.require_read(request.user)
    bodies = list(deputy_bodies(request.user))
    return render(request, "deputies/setup_index.html", {"bodies": bodies})


def _parse_date(value: str, label: str, *, required: bool) -> date | None:
    value = (value or "").strip()
    if not value:
        if required:
            raise Refused("setup_date_missing", f"请填写{label}")
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise Refused("setup_date_invalid", f"{label}“{value}”无效，应为 YYYY-MM-DD") from exc


def _parse_int(value: str, label: str) -> int:
    try:
        return int((value or "").strip())
    except ValueError as exc:
        raise Refused("setup_number_invalid", f"{label}应为整数") from exc


def setup_body(request, pk: int):
    """One congress: terms, then each kind of organisation. Every POST names its `action`."""
    permissions.require_read(request.user)
    body = _body(request, pk)
    posted = request.POST if request.method == "POST" else {}
    error, error_for = "", ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            message = _do(request, body, action)
        except Refused as exc:
            audit.record_refusal(exc, by=request.user)
            error, error_for = exc.message, action
        else:
            messages.success(request, message)
            return redirect("deputies:setup_body", pk=body.pk)
    sections = [
        {
            "kind": kind,
            "label": label,
            "closable": kind in setup.CLOSABLE,
            "items": list(model.objects.filter(body=body).order_by("name")),
        }
        for kind, (model, label) in setup.ORG_KINDS.items()
    ]
    return render(
        request,
        "deputies/setup_body.html",
        {
            "body": body,
            "terms": Term.objects.filter(body=body).order_by("-number"),
            "sections": sections,
            "can_manage": permissions.can_manage(request.user, body),
            "posted": posted,
            "error": error,
            "error_for": error_for,
        },
        status=422 if error else 200,
    )


def _org(body, kind: str, pk: str):
    model, _label = setup.ORG_KINDS.get(kind, (None, ""))
    obj = model and model.objects.filter(body=body, pk=_parse_int(pk, "编号")).first()
    if obj is None:
        raise Http404
    return obj


def _do(request, body, action: str) -> str:
    p, by = request.POST, request.user
    kind = p.get("kind", "")
    if action == "term_create":
        term = setup.create_term(
            body,
            number=_parse_int(p.get("number"), "届次"),
            start_date=_parse_date(p.get("start_date"), "起始日期", required=True),
            end_date=_parse_date(p.get("end_date"), "届满日期", required=False),
            by=by,
        )
        return f"已设立{term}。"
    if action.startswith("term_"):
        term = Term.objects.filter(body=body, pk=_parse_int(p.get("term"), "届次")).first()
        if term is None:
            raise Http404
        if action == "term_delete":
            setup.remove_term(term, by=by)
            return f"已删除{term}。"
        setup.update_term(
            term,
            number=_parse_int(p.get("number"), "届次"),
            start_date=_parse_date(p.get("start_date"), "起始日期", required=True),
            end_date=_parse_date(p.get("end_date"), "届满日期", required=False),
            by=by,
        )
        return f"已保存{term}。"
    label = setup.ORG_KINDS.get(kind, (None, ""))[1]
    if action == "bulk":
        r = setup.add_orgs_bulk(kind, body, text=p.get("names", ""), by=by)
        return f"{label}：新增 {len(r.created)} 个，已有 {len(r.existing)} 个未重复添加。"
    if action == "rename":
        obj = setup.rename_org(_org(body, kind, p.get("pk")), name=p.get("name", ""), by=by)
        return f"已改名为“{obj.name}”。"
    if action in ("close", "reopen"):
        obj = setup.set_org_closed(_org(body, kind, p.get("pk")), closed=action == "close", by=by)
        return f"已{'停用' if obj.closed else '重新启用'}{label}“{obj.name}”。"
    if action == "delete":
        obj = _org(body, kind, p.get("pk"))
        setup.remove_org(obj, by=by)
        return f"已删除{label}“{obj.name}”。"
    raise Refused("setup_action_unknown", "未知的操作")
