"""Reads of the meetings app shared by views, API, other apps and exports."""

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from renda.core.models import Body, User

from .models import Membership


def memberships_of(body: Body, on: date | None = None) -> QuerySet[Membership]:
    """The seats of `body` held on `on` (today by default)."""
    on = on or timezone.localdate()
    return (
        Membership.objects.filter(body=body, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .select_related("user")
    )


def members_of(body: Body, on: date | None = None, *, voting_only: bool = True) -> QuerySet[User]:
    """The users who sit in `body` on `on`: the electorate of its votes (all members, 全体组成人员)."""
    seats = memberships_of(body, on)
    if voting_only:
        seats = seats.filter(voting=True)
    return User.objects.filter(pk__in=seats.values("user_id")).order_by("id")


# --- meetings -------------------------------------------------------------------------------------------

from dataclasses import dataclass  # noqa: E402

from renda.core.permissions import scope  # noqa: E402
from renda.core.roles import Role  # noqa: E402


def default_members(meeting) -> QuerySet[User]:
    """Who sits with a vote when the meeting is created: the body's seats on the day (`members_of`); for a
    congress session all its deputies (roster); for a delegation's meeting, the delegation's deputies."""
    from .models import Kind

    on = timezone.localtime(meeting.starts_at).date()
    if meeting.kind == Kind.DELEGATION and meeting.delegation_id:
        from renda.deputies.selectors import held_on

        mandates = held_on(meeting.delegation.mandates.all(), on)
        return User.objects.filter(pk__in=mandates.values("person__user_id")).order_by("id")
    if meeting.kind == Kind.CONGRESS_SESSION:
        from renda.deputies.models import Mandate
        from renda.deputies.selectors import held_on

        seats = held_on(Mandate.objects.filter(body=meeting.body), on)
        return User.objects.filter(pk__in=seats.values("person__user_id")).order_by("id")
    return members_of(meeting.body, on)


def staff_of(meeting) -> list[User]:
    """The staff called to the meeting, else the staff of its body (who decide leave)."""
    from .models import AttendeeRole

    called = [a.user for a in meeting.attendees.filter(role=AttendeeRole.STAFF).select_related("user")]
    return called or list(User.objects.filter(body=meeting.body, role=Role.STAFF, is_active=True)[:5])


@dataclass(frozen=True)
class Quorum:
    total: int  # all members with a vote (全体组成人员)
    present: int  # of them, signed in
    needed: int
    met: bool
    rule: str
    leave: int
    observers_present: int

    @property
    def percent(self) -> int:
        return round(100 * self.present / self.total) if self.total else 0

    @property
    def bar(self) -> int:
        """The percentage in tens, for the CSS width classes (no inline styles under the CSP)."""
        return min(100, round(self.percent / 10) * 10)


def quorum(meeting) -> Quorum:
    """The live quorum: members with a vote signed in against all members (policy per body). Two queries."""
    from django.db.models import Count

    from .models import AttendeeRole, LeaveState
    from .services.meetings import policy_for

    p = policy_for(meeting.body)
    rows = meeting.attendees.values("role").annotate(
        n=Count("id"),
        present=Count("id", filter=Q(signed_in_at__isnull=False)),
        leave=Count("id", filter=Q(leave_state=LeaveState.APPROVED)),
    )
    by_role = {r["role"]: r for r in rows}
    m = by_role.get(AttendeeRole.MEMBER, {"n": 0, "present": 0, "leave": 0})
    o = by_role.get(AttendeeRole.OBSERVER, {"present": 0})
    return Quorum(
        total=m["n"],
        present=m["present"],
        needed=p.quorum_needed(m["n"]),
        met=p.quorum_met(m["present"], m["n"]),
        rule=p.quorum_text(),
        leave=m["leave"],
        observers_present=o["present"],
    )


def meetings_for(user) -> QuerySet:
    """The meetings `user` is called to, newest first."""
    from .models import Meeting, State

    return (
        Meeting.objects.filter(attendees__user=user)
        .exclude(status__in=[State.DRAFT, State.CANCELLED])
        .select_related("body")
        .order_by("-starts_at")
    )


def meetings_in_scope(user) -> QuerySet:
    from .models import Meeting

    return scope(Meeting.objects.all(), user, body_field="body").select_related("body", "session")


def visible_documents(item, user) -> list:
    """The item's papers `user` may read: all for staff, otherwise those open to every attendee or naming
    them; replaced versions stay listed (marked 已替换)."""
    from . import permissions

    docs = list(item.documents.select_related("replaced_by").prefetch_related("readers"))
    if permissions.can_manage(user, item.meeting):
        return docs
    return [d for d in docs if not d.readers.all() or any(r.pk == user.pk for r in d.readers.all())]


def waiting(user) -> list:
    """Home-page lines: notices to answer (everyone called), leave to decide (staff)."""
    from django.urls import reverse

    from renda.core.nav import Waiting

    from .models import Attendee, LeaveState, Reply, State

    out = []
    n = Attendee.objects.filter(user=user, reply=Reply.PENDING, meeting__status=State.NOTICED).count()
    if n:
        out.append(Waiting("待回复的会议通知", n, reverse("meetings:home"), "warning"))
    if user.role == Role.STAFF:
        k = scope(
            Attendee.objects.filter(leave_state=LeaveState.PENDING, meeting__status=State.NOTICED),
            user,
            body_field="meeting__body",
        ).count()
        if k:
            out.append(Waiting("待审批的会议请假", k, reverse("meetings:home"), "warning"))
    return out


def session_suggestions(session, user) -> QuerySet:
    """Suggestions and motions submitted during a congress session (period 大会期间, submitted between its
    first and last day), as the suggestions app stores them; scoped to what `user` may see there."""
    from datetime import timedelta

    from renda.suggestions.models import Suggestion

    start = timezone.localtime(session.starts_at).date()
    end = timezone.localtime(session.ends_at).date() + timedelta(days=1)
    qs = Suggestion.objects.filter(
        body=session.body, period="session", submitted_at__date__gte=start, submitted_at__date__lt=end
    )
    return scope(qs, user, body_field="body").select_related("lead__person").order_by("-submitted_at")
