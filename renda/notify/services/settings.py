"""What staff and users edit: a body's template wording, and one user's preferences."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from renda.core import audit
from renda.core.errors import Refused
from renda.core.permissions import require_role
from renda.core.roles import Role

from .. import catalogue
from ..channels import normal_phone
from ..models import Approval, Preference, Template


def _check_text(
    label: str, text: str, default: catalogue.Default, *, limit: int, required: bool = True
) -> str:
    text = (text or "").strip()
    if required and not text:
        raise Refused("notify_template_empty", f"请填写{label}")
    if len(text) > limit:
        raise Refused("notify_template_too_long", f"{label}不能超过 {limit} 个字")
    if "\x00" in text:
        raise Refused("notify_bad_character", f"{label}含有不允许的字符")
    try:
        names = catalogue.placeholders(text)
    except ValueError:
        raise Refused(
            "notify_template_braces",
            f"{label}中的花括号不成对：变量写作 {{变量名}}，文字中的花括号写作 {{{{ }}}}",
        ) from None
    unknown = [n for n in dict.fromkeys(names) if n not in default.variables]
    if unknown:
        allowed = "、".join(f"{{{k}}}（{v}）" for k, v in default.variables.items())
        raise Refused(
            "notify_variable_unknown",
            f"{label}中的变量 {'、'.join('{' + n + '}' for n in unknown)} 不存在；可用变量：{allowed}",
        )
    return text


@transaction.atomic
def save_template(
    body,
    code: str,
    *,
    title: str,
    text: str,
    sms_text: str = "",
    sms_provider_code: str = "",
    sms_approval: str | None = None,
    wechat_template_id: str = "",
    by,
) -> Template:
    """A body's wording of one notification. Refuses an unknown variable (named in the message), unpaired
    braces, an empty title/text. A changed SMS text goes back to 待审核 unless the approval is set too."""
    require_role(by, {Role.STAFF}, action="编辑通知模板")
    if code not in catalogue.CATALOGUE:
        raise Refused("notify_template_unknown", f"没有名为“{code}”的通知模板")
    default = catalogue.CATALOGUE[code]
    title = _check_text("标题", title, default, limit=200)
    text = _check_text("内容", text, default, limit=2000)
    sms_text = _check_text("短信内容", sms_text, default, limit=300, required=False)
    if sms_approval is not None and sms_approval not in Approval.values:
        raise Refused("notify_approval_invalid", "请选择短信模板的审核状态")
    row = Template.objects.select_for_update().filter(body=body, code=code).first()
    before = audit.snapshot(row, ["title", "text", "sms_text", "sms_approval"]) if row else {}
    if row is None:
        row = Template(body=body, code=code, sms_approval=Approval.PENDING)
    elif row.sms_text != sms_text and sms_approval is None:
        row.sms_approval = Approval.PENDING
    row.title, row.text, row.sms_text = title, text, sms_text
    row.sms_provider_code, row.wechat_template_id = (
        sms_provider_code.strip()[:80],
        wechat_template_id.strip()[:80],
    )
    if sms_approval is not None:
        row.sms_approval = sms_approval
    row.updated_by = by
    row.save()
    audit.record(
        "notify.template",
        row,
        by=by,
        before=before,
        after=audit.snapshot(row, ["title", "text", "sms_text", "sms_approval"]),
    )
    return row


@transaction.atomic
def save_preferences(user, *, by, **values) -> Preference:
    """One user's channels, addresses and digest. Refuses an invalid phone number or e-mail."""
    if by.pk != user.pk:
        from renda.core.errors import NotPermitted

        raise NotPermitted("not_your_preferences", "只能修改自己的通知偏好")
    pref, _ = Preference.objects.select_for_update().get_or_create(user=user)
    phone = (values.get("phone") or "").strip()
    if phone:
        good = normal_phone(phone)
        if not good:
            raise Refused("notify_phone_invalid", f"手机号码“{phone}”格式不正确（应为 11 位大陆手机号）")
        phone = good
    email = (values.get("email") or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise Refused("notify_email_invalid", f"电子邮箱“{email}”格式不正确") from None
    openid = (values.get("wechat_openid") or "").strip()
    if openid and not (openid.replace("-", "").replace("_", "").isalnum() and len(openid) <= 64):
        raise Refused("notify_openid_invalid", "微信 OpenID 格式不正确")
    pref.phone, pref.email, pref.wechat_openid = phone, email, openid
    for flag in ("email_on", "sms_on", "wechat_on", "digest_on"):
        if flag in values:
            setattr(pref, flag, bool(values[flag]))
    pref.save()
    # flags only: the addresses are personal data and stay out of the audit trail
    audit.record(
        "notify.preferences",
        pref,
        by=by,
        after={f: getattr(pref, f) for f in ("email_on", "sms_on", "wechat_on", "digest_on")},
    )
    return pref


POLICY_FIELDS = (
    "sms_interval_minutes",
    "sms_daily_cap",
    "quiet_start",
    "quiet_end",
    "max_attempts",
    "retry_base_seconds",
    "max_checks",
    "expire_hours",
    "retention_days",
    "announce_channels",
)


@transaction.atomic
def save_policy(body, *, by, **values):
    """A body's delivery rules (limits, quiet hours, retries, retention). Refuses a number out of range."""
    from renda.core import policy as resolver
    from renda.core.permissions import body_in_scope

    from ..models import NotifyPolicy

    require_role(by, {Role.STAFF}, action="修改通知规则")
    if not body_in_scope(by, body):
        from renda.core.errors import NotPermitted

        raise NotPermitted("notify_policy_not_permitted", "无权修改该机关的通知规则")
    unknown = set(values) - set(POLICY_FIELDS)
    if unknown:
        raise Refused("notify_policy_field", f"未知的规则项：{'、'.join(sorted(unknown))}")
    current = resolver.resolve(NotifyPolicy, body)
    row = NotifyPolicy.objects.select_for_update().filter(body=body).first() or NotifyPolicy(body=body)
    before = {f: getattr(current, f) for f in POLICY_FIELDS}
    for f in POLICY_FIELDS:
        value = values.get(f, getattr(current, f))
        field = NotifyPolicy._meta.get_field(f)
        low, high = (v.limit_value for v in field.validators[:2])
        if not isinstance(value, int) or not low <= value <= high:
            raise Refused("notify_policy_range", f"{field.verbose_name}须在 {low}–{high} 之间")
        setattr(row, f, value)
    if row.max_attempts < 1:
        raise Refused("notify_policy_range", "最多尝试次数至少为 1")
    row.save()
    audit.record(
        "notify.policy", row, by=by, before=before, after={f: getattr(row, f) for f in POLICY_FIELDS}
    )
    return row
