"""Steps 10–12: escalation records, 办结, and priority supervision picked by leaders."""

from collections.abc import Sequence

from django.db import transaction

from renda.core.errors import NotPermitted, Refused
from renda.core.permissions import body_in_scope

from .. import permissions, workflow
from ..models import Escalation, EscalationKind, State, Suggestion, Supervision
from .common import lock, log, move, require_text, today
from .notices import deputy_users, send_all


@transaction.atomic
def record_escalation(item: Suggestion, *, kind: str, note: str, outcome: str = "", by) -> Escalation:
    """Expert assessment (Henan) or a joint meeting of deputies and the unit (Chongqing), §1.3 step 10."""
    lock(item)
    workflow.require(item, "record_escalation", by)
    permissions.require_body_scope(by, item)
    if kind not in EscalationKind.values:
        raise Refused("kind_required", "请选择评估会商方式")
    note = require_text(note, "content_required", "请填写评估会商安排")
    e = Escalation.objects.create(suggestion=item, kind=kind, note=note, outcome=outcome, on=today(), by=by)
    log(item, "record_escalation", f"登记{e.get_kind_display()}", by=by, note=f"{note}\n{outcome}".strip())
    return e


@transaction.atomic
def close(item: Suggestion, *, by, note: str = "") -> Suggestion:
    """办结. Refuses while promised items are open: they are carried and reported until done (§1.3 step 11)."""
    lock(item)
    workflow.require(item, "close", by)
    permissions.require_body_scope(by, item)
    open_promises = item.promises.filter(done_on__isnull=True).count()
    if open_promises:
        raise Refused("promises_open", f"尚有{open_promises}项承诺事项未落实，落实后方可办结")
    if item.state == State.ESCALATED and not item.escalations.exists():
        raise Refused("escalation_missing", "请先登记评估会商情况")
    item.closed_on = today()
    item.due_state = ""
    before = move(item, State.CLOSED, fields=("closed_on", "due_state"))
    log(item, "close", "办结", by=by, before=before, note=note)
    send_all(deputy_users(item), item, title=f"建议已办结：{item.title}")
    return item


@transaction.atomic
def supervise(
    *,
    body,
    year: int,
    theme: str,
    supervising_leader: str,
    handling_leader: str,
    items: Sequence[Suggestion],
    note: str = "",
    by,
) -> Supervision:
    """Leaders pick items (one, or a theme covering several) for priority supervision (代表法 Art. 52)."""
    if not body_in_scope(by, body):
        raise NotPermitted("out_of_scope", "不在您的工作范围内")
    theme = require_text(theme, "content_required", "请填写督办主题")
    supervising_leader = require_text(supervising_leader, "leader_required", "请填写督办领导")
    handling_leader = require_text(handling_leader, "leader_required", "请填写领办领导")
    if not items:
        raise Refused("items_required", "请至少选择一件建议")
    locked = []
    for item in items:
        lock(item)
        workflow.require(item, "supervise", by)
        if item.body_id != body.pk:
            raise Refused("item_of_other_body", f"{item}不属于{body}")
        locked.append(item)
    sv = Supervision.objects.create(
        body=body,
        year=year,
        theme=theme,
        supervising_leader=supervising_leader,
        handling_leader=handling_leader,
        note=note,
        created_by=by,
    )
    sv.items.set(locked)
    for item in locked:
        item.is_priority = True
        item.save(update_fields=["is_priority", "updated_at"])
        log(
            item,
            "supervise",
            f"列为重点督办：{theme}",
            by=by,
            note=f"督办领导：{supervising_leader}；领办领导：{handling_leader}",
        )
    return sv
