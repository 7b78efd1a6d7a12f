"""Writes of the dashboards app: report templates and personal API tokens. Each in a transaction, audited."""

import io
import secrets
import zipfile
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from renda.core import audit
from renda.core.errors import NotPermitted, Refused
from renda.core.permissions import is_business_user, require_role
from renda.core.roles import Role

from .models import ApiToken, ReportKind, ReportTemplate, Scope, token_digest

TEMPLATE_MAX_BYTES = 5 * 1024 * 1024
TOKEN_MAX_DAYS = 366
TOKEN_PREFIX = "rd_"  # noqa: S105 (the visible prefix of every key)


@transaction.atomic
def upload_template(body, *, kind: str, data: bytes, filename: str, by) -> ReportTemplate:
    """Replace a body's template for one report. Refuses a file that is not a .docx or that docxtpl cannot
    render with the report's tags (the error names the problem), so a broken template never goes live."""
    require_role(by, {Role.STAFF}, action="上传报告模板")
    if kind not in ReportKind.values:
        raise Refused("report_kind_unknown", "没有这种报告")
    if len(data) > TEMPLATE_MAX_BYTES:
        raise Refused("template_too_large", "模板文件不能超过 5 MB")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            z.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError) as exc:
        raise Refused(
            "template_not_docx", "模板应为 Word 文档（.docx），请用 Word 另存为 .docx 后上传"
        ) from exc
    from . import reports

    try:
        reports.render_docx(data, reports.context(kind, user=by, year=timezone.localdate().year))
    except Exception as exc:  # docxtpl raises jinja2's errors: report them in the staff's words
        raise Refused(
            "template_invalid", f"模板中的标签无法填写：{str(exc)[:200]}。请对照可用标签修改"
        ) from exc
    old = ReportTemplate.objects.select_for_update().filter(body=body, kind=kind, active=True)
    for t in old:
        t.active = False
        t.save(update_fields=["active"])
    t = ReportTemplate(body=body, kind=kind, uploaded_by=by, original_name=filename[:200])
    t.file.save("template.docx", ContentFile(data), save=False)
    t.save()
    audit.record("dashboards.template_upload", t, by=by, after={"kind": kind})
    return t


@transaction.atomic
def reset_template(body, *, kind: str, by) -> int:
    require_role(by, {Role.STAFF}, action="恢复默认模板")
    n = 0
    for t in ReportTemplate.objects.select_for_update().filter(body=body, kind=kind, active=True):
        t.active = False
        t.save(update_fields=["active"])
        audit.record("dashboards.template_reset", t, by=by, after={"active": False})
        n += 1
    return n


@transaction.atomic
def create_token(user, *, name: str, scopes: list[str], days: int) -> tuple[ApiToken, str]:
    """A new personal token for `user` (business roles only). Returns the row and the clear key, shown once."""
    if not is_business_user(user):
        raise NotPermitted("role_not_allowed", "系统、安全、审计管理员不能创建业务数据接口令牌")
    name = (name or "").strip()
    if not name or len(name) > 60:
        raise Refused("token_name_required", "请填写令牌用途（60 字以内）")
    chosen = sorted(set(scopes))
    if not chosen or any(s not in Scope.values for s in chosen):
        raise Refused("token_scope_invalid", "请至少选择一项有效的权限范围")
    if not 1 <= days <= TOKEN_MAX_DAYS:
        raise Refused("token_days_invalid", f"有效期应为 1–{TOKEN_MAX_DAYS} 天")
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=key[:10],
        key_hash=token_digest(key),
        scopes=chosen,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    audit.record(
        "dashboards.token_create", token, by=user, after={"scopes": chosen, "expires_at": token.expires_at}
    )
    return token, key


@transaction.atomic
def revoke_token(token: ApiToken, *, by) -> ApiToken:
    """The owner or the security admin revokes a token; a revoked token stays listed, marked."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if by.pk != token.user_id and by.role != Role.SECURITY_ADMIN:
        raise NotPermitted("token_not_yours", "只能吊销本人的令牌")
    if token.revoked_at:
        raise Refused("token_already_revoked", "该令牌已吊销")
    token.revoked_at, token.revoked_by = timezone.now(), by
    token.save(update_fields=["revoked_at", "revoked_by"])
    audit.record("dashboards.token_revoke", token, by=by, after={"revoked_at": token.revoked_at})
    return token
