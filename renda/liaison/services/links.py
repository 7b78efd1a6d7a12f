"""常委会组成人员联系代表 (seeds 002 联系代表制度; seeds 004 组成人员联系代表制度).

A member is linked to deputies of the congress their committee works for; the member records each contact,
which is a record for the member and a duty for every deputy met (domain.md §3.1 Art. 8: contact)."""

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone

from renda.core import audit
from renda.core.errors import Refused
from renda.deputies.choices import CURRENT_STATUSES

from .. import permissions
from ..models import MemberContact, MemberLink
from .common import record_duties, require_text


def _seat(member, body=None):
    seats = permissions.seats_of(member)
    if body is not None:
        seats = seats.filter(body=body)
    seat = seats.first()
    if seat is None:
        raise Refused("not_a_member", f"{member} 不是常委会组成人员")
    return seat


@transaction.atomic
def link(member, mandate, *, by, on: date | None = None) -> MemberLink:
    """Link a member to a deputy. Refuses a deputy outside the member's congress, a deputy whose mandate has
    ended, and a link that already exists."""
    seat = _seat(member)
    permissions.require_manage(by, seat.body, action="确定联系代表")
    congress = permissions.congress_of(seat.body)
    if mandate.body_id != congress.pk:
        raise Refused(
            "deputy_outside_congress",
            f"{mandate.person.name} 是{mandate.body}的代表，不属于{congress}，不能由{seat.body}组成人员联系",
        )
    if mandate.status not in CURRENT_STATUSES:
        raise Refused("mandate_not_current", f"{mandate.person.name} 的代表资格已终止")
    if MemberLink.objects.filter(member=member, mandate=mandate, end_date__isnull=True).exists():
        raise Refused("already_linked", f"{member} 已联系 {mandate.person.name}")
    row = MemberLink.objects.create(
        body=seat.body, member=member, mandate=mandate, start_date=on or timezone.localdate(), created_by=by
    )
    audit.record("liaison.link", row, by=by, after={"member": member.pk, "mandate": mandate.pk})
    return row


@transaction.atomic
def link_many(member, mandates: Iterable, *, by, on: date | None = None) -> list[MemberLink]:
    """All or nothing: one refused deputy links none."""
    return [link(member, m, by=by, on=on) for m in mandates]


@transaction.atomic
def link_deputies(
    member, *, mandates: Iterable = (), group=None, by, on: date | None = None
) -> list[MemberLink]:
    """Link a member to chosen deputies and/or a whole deputy group (its current deputies), skipping those
    already linked to this member. All or nothing; refuses an empty choice and a group of another congress."""
    from renda.deputies.models import Mandate

    chosen = {m.pk: m for m in mandates}
    if group is not None:
        seat = _seat(member)
        if group.body_id != permissions.congress_of(seat.body).pk:
            raise Refused("group_outside_congress", f"{group} 不属于{permissions.congress_of(seat.body)}")
        for m in Mandate.objects.filter(group=group, status__in=CURRENT_STATUSES).select_related(
            "person", "body"
        ):
            chosen.setdefault(m.pk, m)
    if not chosen:
        raise Refused("no_deputy_chosen", "请选择联系的代表或代表小组")
    have = set(
        MemberLink.objects.filter(member=member, end_date__isnull=True).values_list("mandate_id", flat=True)
    )
    # a deputy picked by name and already linked is refused (already_linked); a group skips its linked ones
    new = [m for m in chosen.values() if m.pk not in have] if group is not None else list(chosen.values())
    return link_many(member, new, by=by, on=on)


@transaction.atomic
def unlink(row: MemberLink, *, by, on: date | None = None) -> MemberLink:
    row = MemberLink.objects.select_for_update().get(pk=row.pk)
    permissions.require_manage(by, row.body, action="解除联系")
    if row.end_date is not None:
        raise Refused("link_already_ended", "该联系关系已解除")
    end = on or timezone.localdate()
    row.end_date = max(end, row.start_date)
    row.save(update_fields=["end_date"])
    audit.record("liaison.unlink", row, by=by, after={"end_date": str(row.end_date)})
    return row


@transaction.atomic
def record_contact(
    member, *, mandates: Iterable, on: date, kind: str, summary: str, opinions: str = "", by
) -> MemberContact:
    """The member (or staff for them) records a contact with linked deputies; each deputy gets a duty record.
    Refuses a deputy the member is not linked to, a date in the future, and an empty subject."""
    seat = _seat(member)
    if by != member:
        permissions.require_manage(by, seat.body, action="登记联系代表情况")
    summary = require_text(summary, "summary_required", "请填写联系事项")
    people = list(mandates)
    if not people:
        raise Refused("no_deputy_chosen", "请选择联系的代表")
    if on > timezone.localdate():
        raise Refused("date_in_future", "联系日期不能晚于今天")
    linked = set(
        MemberLink.objects.filter(member=member, end_date__isnull=True).values_list("mandate_id", flat=True)
    )
    strangers = [m.person.name for m in people if m.pk not in linked]
    if strangers:
        raise Refused("deputy_not_linked", f"以下代表不在您的联系名单中：{'、'.join(strangers)}")
    row = MemberContact.objects.create(
        body=seat.body, member=member, on=on, kind=kind, summary=summary, opinions=opinions.strip()
    )
    row.mandates.set(people)
    record_duties(
        people,
        code="member_contact",
        on=on,
        source=row,
        title=f"与常委会组成人员{member.full_name or member}联系：{summary}",
    )
    audit.record("liaison.record_contact", row, by=by, after={"mandates": len(people), "on": str(on)})
    return row
