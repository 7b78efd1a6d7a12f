"""Step 1: drafts, submission alone or jointly, co-signing, withdrawal (domain.md §1.3 step 1–2, §1.4)."""

from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from renda.core.errors import NotPermitted, Refused
from renda.core.roles import Role
from renda.deputies.choices import MandateStatus
from renda.deputies.models import Mandate

from .. import permissions, workflow
from ..models import CoSigner, Kind, Period, State, Suggestion
from .common import lock, log, move, policy, require_text, today

EDITABLE = ("title", "facts", "proposals", "card_number", "contact", "private", "kind", "period")


def _check_lead(mandate: Mandate, by, *, origin: bool = False) -> None:
    if mandate.status == MandateStatus.ENDED:
        raise Refused("mandate_ended", "该代表资格已终止，不能提出建议")
    if origin and by.role in (Role.STAFF, Role.STATION_KEEPER):
        # A voter's message turned into the deputy's draft (contact app); only the deputy (or staff) submits it.
        return
    if by.role == Role.DEPUTY:
        if mandate.person.user_id != by.pk:
            raise NotPermitted("not_own_mandate", "只能以本人的代表身份提出建议")
    elif by.role == Role.STAFF:
        # A clerk enters paper forms (§1.3 step 1: 纸质表格) for deputies of a body in scope.
        if not mandate.body.path.startswith(by.body.scope_path):
            raise NotPermitted("out_of_scope", "该代表不在您的工作范围内")
    else:
        raise NotPermitted("role_not_allowed", "当前角色无权提出建议")


def _check_cosigners(item: Suggestion, mandates: Sequence[Mandate]) -> list[Mandate]:
    seen: set[int] = set()
    out = []
    for m in mandates:
        if m.pk == item.lead_id:
            raise Refused("cosigner_is_lead", "领衔代表不必再列为附议代表")
        if m.pk in seen:
            continue
        if m.body_id != item.body_id or m.status == MandateStatus.ENDED:
            raise Refused("cosigner_not_deputy_of_body", f"{m.person}不是{item.body}的在任代表，不能附议")
        seen.add(m.pk)
        out.append(m)
    return out


@transaction.atomic
def create_draft(
    *,
    mandate: Mandate,
    title: str,
    content: str,
    by,
    origin: models.Model | None = None,
    proposals: str = "",
    kind: str = Kind.SUGGESTION,
    period: str = Period.INTERIM,
    contact: str = "",
    private: bool = False,
    cosigners: Sequence[Mandate] = (),
) -> Suggestion:
    """A draft of `mandate`'s deputy. Other apps (contact: a voter's message) pass the object it comes from
    as `origin`, kept as a generic reference (Suggestion.origin).

    Refuses: a mandate that has ended, a deputy drafting for someone else, a user out of scope.
    """
    _check_lead(mandate, by, origin=origin is not None)
    item = Suggestion.objects.create(
        body=mandate.body,
        kind=kind,
        period=period,
        year=today().year,
        title=(title or "")[:120],
        facts=content or "",
        proposals=proposals or "",
        lead=mandate,
        card_number=mandate.card_number,
        contact=contact or "",
        private=private,
        origin_type=ContentType.objects.get_for_model(origin) if origin is not None else None,
        origin_id=str(origin.pk) if origin is not None else "",
        created_by=by,
        state=State.DRAFT,
    )
    for m in _check_cosigners(item, cosigners):
        CoSigner.objects.create(suggestion=item, mandate=m)
    log(
        item,
        "create_draft",
        "起草",
        by=by,
        note=f"来源：{origin._meta.verbose_name} {origin.pk}" if origin is not None else "",
    )
    return item


@transaction.atomic
def update_draft(item: Suggestion, *, by, cosigners: Sequence[Mandate] | None = None, **values) -> Suggestion:
    lock(item)
    if item.state != State.DRAFT:
        raise Refused("not_a_draft", "只有草稿可以修改")
    permissions.require_lead(by, item)
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise Refused("field_not_editable", "不能修改：" + "、".join(sorted(unknown)))
    for k, v in values.items():
        setattr(item, k, v)
    item.save()
    if cosigners is not None:
        keep = _check_cosigners(item, cosigners)
        item.cosigners.exclude(mandate__in=keep).delete()
        for m in keep:
            CoSigner.objects.get_or_create(suggestion=item, mandate=m)
        # Content changed, so every co-signer confirms again.
        item.cosigners.update(confirmed_at=None, declined_at=None)
    log(item, "update_draft", "修改草稿", by=by)
    return item


def _check_required(item: Suggestion) -> None:
    """Beijing Art. 9: title, facts, concrete proposals, deputy, card number, contact."""
    missing = [
        label
        for label, v in (
            ("标题", item.title),
            ("事由", item.facts),
            ("具体建议", item.proposals),
            ("代表证号", item.card_number),
            ("联系方式", item.contact),
        )
        if not v.strip()
    ]
    if missing:
        raise Refused("required_fields_missing", "以下内容不能为空：" + "、".join(missing))


@transaction.atomic
def submit(item: Suggestion, *, by) -> Suggestion:
    """Submit a draft: sole items go to screening, joint items wait for every co-signer's confirmation.

    Refuses: missing required fields; a motion below its level's co-signer threshold (§1.2).
    """
    lock(item)
    joint = item.cosigners.exists()
    workflow.require(item, "submit_joint" if joint else "submit", by)
    permissions.require_lead(by, item)
    _check_required(item)
    if item.kind == Kind.MOTION:
        need = policy(item).motion_threshold
        have = 1 + item.cosigners.count()
        if have < need:
            raise Refused("motion_threshold_not_met", f"议案须{need}名以上代表联名，现有{have}名")
    item.submitted_at = timezone.now()
    item.cosigners.update(confirmed_at=None, declined_at=None, agrees_withdraw_at=None)
    before = move(item, State.COSIGNING if joint else State.SUBMITTED, fields=("submitted_at",))
    log(item, "submit", "提交联名件，待附议代表确认" if joint else "提交", by=by, before=before)
    if joint:
        from .notices import notify_cosigners

        notify_cosigners(item)
    return item


@transaction.atomic
def cosign(item: Suggestion, *, by) -> Suggestion:
    """A co-signer confirms; when the last one confirms the item goes to screening."""
    lock(item)
    workflow.require(item, "cosign", by)
    row = permissions.require_cosigner(by, item)
    if row.confirmed_at:
        raise Refused("already_confirmed", "您已确认附议")
    row.confirmed_at = timezone.now()
    row.save(update_fields=["confirmed_at"])
    before = item.state
    if not item.cosigners.filter(confirmed_at__isnull=True).exists():
        move(item, State.SUBMITTED)
    log(item, "cosign", f"{row.mandate.person}确认附议", by=by, before=before)
    return item


def cosigners_unconfirmed(item: Suggestion) -> list[CoSigner]:
    return list(
        item.cosigners.filter(confirmed_at__isnull=True)
        .select_related("mandate__person", "mandate__delegation")
        .order_by("id")
    )


@transaction.atomic
def remind_cosigners(item: Suggestion, *, by) -> list[CoSigner]:
    """The lead deputy or staff remind the co-signers who have not confirmed yet (§1.3 step 1), through their
    inbox, at most once a day each.

    Refuses: anyone else; no co-signer left to confirm."""
    lock(item)
    workflow.require(item, "remind_cosigners", by)
    permissions.require_lead(by, item)
    rows = cosigners_unconfirmed(item)
    if not rows:
        raise Refused("nothing_to_remind", "附议代表均已确认")
    from renda.notify import services as notify

    from .notices import item_url

    notify.send_many(
        [r.mandate.person.user_id for r in rows],
        title=f"提醒：请确认附议：{item.title}",
        body=f"{item.lead.person}邀请您联名提出本件，确认后才能提交审查。",
        url=item_url(item),
        dedupe_key=f"sugg:{item.pk}:remind_cosign:{today():%Y%m%d}",
    )
    log(
        item, "remind_cosigners", "提醒附议代表确认：" + "、".join(str(r.mandate.person) for r in rows), by=by
    )
    return rows


@transaction.atomic
def decline_cosign(item: Suggestion, *, by, reason: str = "") -> Suggestion:
    lock(item)
    workflow.require(item, "decline_cosign", by)
    row = permissions.require_cosigner(by, item)
    row.delete()
    before = move(item, State.DRAFT)
    log(
        item,
        "decline_cosign",
        f"{row.mandate.person}不同意附议，退回领衔代表",
        by=by,
        before=before,
        note=reason,
    )
    return item


@transaction.atomic
def agree_withdraw(item: Suggestion, *, by) -> Suggestion:
    lock(item)
    workflow.require(item, "agree_withdraw", by)
    row = permissions.require_cosigner(by, item)
    row.agrees_withdraw_at = timezone.now()
    row.save(update_fields=["agrees_withdraw_at"])
    log(item, "agree_withdraw", f"{row.mandate.person}同意撤回", by=by)
    return item


@transaction.atomic
def withdraw(item: Suggestion, *, by, reason: str) -> Suggestion:
    """Withdraw before hand-over (§1.3 step 2). Joint items need every co-signer's consent first."""
    lock(item)
    workflow.require(item, "withdraw", by)
    if not permissions.is_lead(by, item):
        raise NotPermitted("not_lead_deputy", "只有领衔代表可以撤回")
    reason = require_text(reason, "reason_required", "请说明撤回理由")
    if item.state != State.DRAFT:
        missing = item.cosigners.filter(agrees_withdraw_at__isnull=True, confirmed_at__isnull=False)
        if missing.exists():
            names = "、".join(str(c.mandate.person) for c in missing.select_related("mandate__person"))
            raise Refused("cosigners_must_agree", f"联名建议撤回须全体附议代表同意，尚未同意：{names}")
    before = move(item, State.WITHDRAWN)
    log(item, "withdraw", "撤回", by=by, before=before, note=reason)
    return item


@transaction.atomic
def withdraw_support(item: Suggestion, *, by, reason: str = "") -> Suggestion:
    """A co-signer withdraws from a motion before the review decision; below the threshold the motion lapses
    (§1.4, Shanghai motion rules Art. 13)."""
    lock(item)
    workflow.require(item, "withdraw_support", by)
    if item.kind != Kind.MOTION:
        raise Refused("not_a_motion", "只有议案可以撤回联名；建议请由领衔代表撤回")
    row = permissions.require_cosigner(by, item, confirmed=True)
    row.declined_at = timezone.now()
    row.save(update_fields=["declined_at"])
    need = policy(item).motion_threshold
    have = 1 + item.cosigners.filter(confirmed_at__isnull=False, declined_at__isnull=True).count()
    before = item.state
    if have < need:
        item.decision_note = f"联名代表撤回后不足{need}人（现{have}人），议案失效。"
        move(item, State.MOTION_REJECTED, fields=("decision_note",))
    log(item, "withdraw_support", f"{row.mandate.person}撤回联名", by=by, before=before, note=reason)
    return item
