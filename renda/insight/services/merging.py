"""并案: handle several items together. Each keeps its own authors; the link is read both ways."""

from __future__ import annotations

from django.db import transaction

from renda.core import audit
from renda.core.errors import Refused
from renda.core.permissions import require_role
from renda.core.roles import Role

from .. import items
from ..models import MergeLink


def _root(kind: str, pk: str) -> tuple[str, str]:
    """Follow merged → primary to the group's primary (links never chain more than one step, see merge)."""
    link = (
        MergeLink.objects.filter(merged_type=items.content_type(kind), merged_id=pk)
        .select_related("primary_type")
        .first()
    )
    if link is None:
        return kind, pk
    return link.primary_type.model, link.primary_id


@transaction.atomic
def merge(primary, merged, *, by, reason: str) -> MergeLink:
    """Merge `merged` into `primary`'s group. Refuses: itself, another body, already merged, no reason."""
    require_role(by, {Role.STAFF}, action="并案")
    reason = (reason or "").strip()
    if not reason:
        raise Refused("merge_reason_required", "请填写并案理由")
    if primary.body_id != merged.body_id:
        raise Refused("merge_other_body", "不能与其他机关的件并案")
    pk_kind, p_pk = _root(items.kind_of(primary), str(primary.pk))
    m_kind, m_pk = items.kind_of(merged), str(merged.pk)
    if (pk_kind, p_pk) == (m_kind, m_pk):
        raise Refused("merge_self", "不能与本件自身并案")
    ct_m = items.content_type(m_kind)
    if MergeLink.objects.filter(merged_type=ct_m, merged_id=m_pk).exists():
        raise Refused("already_merged", "该件已并入其他件")
    # A primary that is merged into this one: its group moves under the new primary (one level only).
    MergeLink.objects.filter(primary_type=ct_m, primary_id=m_pk).update(
        primary_type=items.content_type(pk_kind), primary_id=p_pk
    )
    link = MergeLink.objects.create(
        body=primary.body,
        primary_type=items.content_type(pk_kind),
        primary_id=p_pk,
        merged_type=ct_m,
        merged_id=m_pk,
        reason=reason[:500],
        by=by,
    )
    audit.record(
        "insight.merge", link, by=by, after={"primary": f"{pk_kind}:{p_pk}", "merged": f"{m_kind}:{m_pk}"}
    )
    return link


@transaction.atomic
def unmerge(link: MergeLink, *, by) -> None:
    require_role(by, {Role.STAFF}, action="撤销并案")
    audit.record("insight.unmerge", link, by=by)
    link.delete()
