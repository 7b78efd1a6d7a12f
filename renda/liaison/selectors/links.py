"""What a member sees of their deputies, and the coverage of the linking (deputies nobody contacted)."""

from datetime import date

from django.db.models import Count, Max, Q, QuerySet

from renda.contact.models import Message
from renda.deputies.choices import CURRENT_STATUSES
from renda.deputies.models import Mandate
from renda.duties.choices import Review
from renda.duties.models import DutyRecord
from renda.suggestions.models import Suggestion
from renda.suggestions.models.choices import State

from .. import permissions
from ..models import MemberContact, MemberLink


def linked_mandates(member) -> QuerySet[Mandate]:
    ids = MemberLink.objects.filter(member=member, end_date__isnull=True).values("mandate_id")
    return Mandate.objects.filter(pk__in=ids).select_related("person", "group", "constituency")


def member_overview(member, *, year: int) -> dict:
    """The member's page: linked deputies with this year's contacts, their suggestions, duty records and
    voters' messages (titles and status only: no voter's name or phone, domain.md §7.2)."""
    mandates = list(
        linked_mandates(member).annotate(
            contacts=Count(
                "member_contacts",
                filter=Q(member_contacts__member=member, member_contacts__on__year=year),
                distinct=True,
            ),
            last_contact=Max("member_contacts__on", filter=Q(member_contacts__member=member)),
        )
    )
    ids = [m.pk for m in mandates]
    suggestions = (
        Suggestion.objects.filter(Q(lead_id__in=ids) | Q(cosigners__mandate_id__in=ids))
        .exclude(state__in=[State.DRAFT, State.WITHDRAWN])
        .filter(private=False)
        .select_related("lead__person")
        .distinct()
        .order_by("-submitted_at", "-id")[:20]
    )
    records = (
        DutyRecord.objects.filter(mandate_id__in=ids)
        .exclude(status__in=[Review.PENDING, Review.REJECTED])
        .select_related("mandate__person", "duty_type")
        .order_by("-on", "-id")[:20]
    )
    messages = (
        Message.objects.filter(mandate_id__in=ids)
        .select_related("mandate__person")
        .only("title", "status", "category", "received_at", "mandate__person__name")
        .order_by("-received_at")[:20]
    )
    contacts = MemberContact.objects.filter(member=member).prefetch_related("mandates__person")[:20]
    return {
        "mandates": mandates,
        "suggestions": list(suggestions),
        "records": list(records),
        "messages": list(messages),
        "contacts": list(contacts),
        "uncontacted": [m for m in mandates if not m.contacts],
    }


def coverage(body, *, year: int) -> dict:
    """For a standing committee and a year: every current deputy of its congress, whether linked to a
    member, whether any member contacted them in the year; and per member, linked and contacted counts."""
    congress = permissions.congress_of(body)
    start, end = date(year, 1, 1), date(year, 12, 31)
    deputies = (
        Mandate.objects.filter(body=congress, status__in=CURRENT_STATUSES)
        .annotate(
            links=Count("member_links", filter=Q(member_links__end_date__isnull=True), distinct=True),
            contacts=Count(
                "member_contacts",
                filter=Q(member_contacts__on__range=(start, end), member_contacts__body=body),
                distinct=True,
            ),
        )
        .select_related("person", "group")
        .order_by("group__name", "person__name_pinyin")
    )
    rows = list(deputies)
    members = (
        MemberLink.objects.filter(body=body, end_date__isnull=True)
        .values("member_id", "member__full_name")
        .annotate(linked=Count("mandate", distinct=True))
        .order_by("member__full_name")
    )
    contacted = dict(
        MemberContact.objects.filter(body=body, on__range=(start, end))
        .values("member_id")
        .annotate(n=Count("mandates", distinct=True))
        .values_list("member_id", "n")
    )
    per_member = [{**m, "contacted": contacted.get(m["member_id"], 0)} for m in members]
    return {
        "congress": congress,
        "total": len(rows),
        "unlinked": [m for m in rows if not m.links],
        "uncontacted": [m for m in rows if not m.contacts],
        "members": per_member,
    }
