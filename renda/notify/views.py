from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from renda.core import xlsx_export
from renda.core.errors import Refused
from renda.core.permissions import require_role
from renda.core.roles import Role
from renda.core.views.refusals import refusal_response, refused_form

from . import catalogue, export_columns, selectors, services
from .forms import PolicyForm, PreferenceForm, TemplateForm
from .models import Approval, Notification, Preference, Status, Template

ADMINS = {Role.STAFF, Role.SYSTEM_ADMIN}


def inbox(request):
    page = Paginator(Notification.objects.filter(user=request.user), 20).get_page(request.GET.get("page"))
    return render(request, "notify/inbox.html", {"page": page})


@require_POST
def read(request, pk: int):
    note = get_object_or_404(Notification, pk=pk, user=request.user)
    services.mark_read(note, by=request.user)
    return redirect(note.url or "notify:inbox")


def preferences(request):
    pref = Preference.objects.filter(user=request.user).first() or Preference(user=request.user)
    initial = {f: getattr(pref, f) for f in PreferenceForm.base_fields}
    form = PreferenceForm(request.POST or None, initial=initial)
    ctx = {"account_phone": request.user.phone, "account_email": request.user.email}
    if request.method == "POST" and form.is_valid():
        try:
            services.save_preferences(request.user, by=request.user, **form.cleaned_data)
        except Refused as exc:
            return refused_form(request, form, exc, "notify/preferences.html", ctx, action="通知偏好")
        messages.success(request, "通知偏好已保存")
        return redirect("notify:preferences")
    return render(request, "notify/preferences.html", {**ctx, "form": form})


def outbox(request):
    require_role(request.user, ADMINS, action="查看通知发送")
    status = request.GET.get("status", "")
    qs = selectors.outbox_for(request.user)
    if status in Status.values:
        qs = qs.filter(status=status)
    else:
        status = ""
    if xlsx_export.wanted(request):
        return xlsx_export.respond(
            request, "通知发送队列", qs.order_by("-id"), export_columns.OUTBOX, action="notify.export"
        )
    page = Paginator(qs.order_by("-id"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "notify/outbox.html",
        {
            "page": page,
            "status": status,
            "counts": selectors.counts(request.user),
            "statuses": Status.choices,
            "contents": request.user.role == Role.STAFF,
        },
    )


def outbox_row(request, pk: int):
    require_role(request.user, ADMINS, action="查看通知发送")
    row = get_object_or_404(selectors.outbox_for(request.user), pk=pk)
    return render(
        request,
        "notify/outbox_row.html",
        {"row": row, "log": row.log.all()[:50], "contents": request.user.role == Role.STAFF},
    )


@require_POST
def retry(request, pk: int):
    require_role(request.user, ADMINS, action="重发通知")
    row = get_object_or_404(selectors.outbox_for(request.user), pk=pk)
    try:
        services.retry(row, by=request.user)
    except Refused as exc:
        return refusal_response(
            request, exc, redirect_to=request.path.rsplit("retry/", 1)[0], action="重发通知"
        )
    messages.success(request, "已重新排队，稍后发送")
    return redirect("notify:outbox_row", pk=row.pk)


def templates(request):
    require_role(request.user, {Role.STAFF}, action="编辑通知模板")
    own = {t.code: t for t in Template.objects.filter(body=request.user.body)}
    rows = [(d, own.get(d.code), list(d.variables.items())) for d in catalogue.CATALOGUE.values()]
    return render(request, "notify/templates.html", {"rows": rows})


def template_edit(request, code: str):
    require_role(request.user, {Role.STAFF}, action="编辑通知模板")
    if code not in catalogue.CATALOGUE:
        raise Http404("没有这个模板")
    default = catalogue.CATALOGUE[code]
    own = Template.objects.filter(body=request.user.body, code=code).first()
    initial = {
        "title": own.title if own else default.title,
        "text": own.text if own else default.text,
        "sms_text": own.sms_text if own else default.sms,
        "sms_provider_code": own.sms_provider_code if own else "",
        "sms_approval": own.sms_approval
        if own
        else Approval.APPROVED,  # the built-in wording counts approved
        "wechat_template_id": own.wechat_template_id if own else "",
    }
    form = TemplateForm(request.POST or None, initial=initial)
    ctx = {"default": default, "own": own, "variables": list(default.variables.items())}
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if data["sms_text"] != initial["sms_text"] and data["sms_approval"] == initial["sms_approval"]:
            data["sms_approval"] = None  # a new SMS wording goes back to the provider for approval
        try:
            services.save_template(request.user.body, code, by=request.user, **data)
        except Refused as exc:
            return refused_form(request, form, exc, "notify/template_edit.html", ctx, action="编辑通知模板")
        messages.success(request, f"模板“{default.name}”已保存")
        return redirect("notify:templates")
    return render(request, "notify/template_edit.html", {**ctx, "form": form})


def policy(request):
    from renda.core import policy as resolver

    from .models import NotifyPolicy
    from .services.settings import POLICY_FIELDS

    require_role(request.user, {Role.STAFF}, action="修改通知规则")
    body = request.user.body
    current = resolver.resolve(NotifyPolicy, body)
    form = PolicyForm(request.POST or None, initial={f: getattr(current, f) for f in POLICY_FIELDS})
    ctx = {"body": body, "current": current, "inherited": current.pk is None or current.body_id != body.pk}
    if request.method == "POST" and form.is_valid():
        try:
            services.save_policy(body, by=request.user, **form.cleaned_data)
        except Refused as exc:
            return refused_form(request, form, exc, "notify/policy.html", ctx, action="notify.policy")
        messages.success(request, "通知规则已保存，之后的通知按新规则发送。")
        return redirect("notify:policy")
    status = 422 if request.method == "POST" else 200
    return render(request, "notify/policy.html", {**ctx, "form": form}, status=status)
