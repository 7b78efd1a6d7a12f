"""代表专业组调研 (seeds 003: 专业组调研百余次，形成调研报告 50 篇，提出意见建议): topics, activities (each a
research duty for the deputies there, domain.md §3.1 Art. 8 专题调研), reports and the suggestions they led to."""

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone

from renda.core import audit
from renda.core.errors import Refused

from .. import permissions
from ..models import ResearchActivity, ResearchReport, ResearchTopic
from .common import record_duties, require_same_body, require_text


@transaction.atomic
def create_topic(*, group, year: int, title: str, lead, members: Iterable = (), by) -> ResearchTopic:
    body = group.body
    permissions.require_manage(by, body, action="确定调研课题")
    title = require_text(title, "title_required", "请填写调研课题")
    people = require_same_body([lead, *members], body)
    row = ResearchTopic.objects.create(
        body=body, group=group, year=year, title=title, lead=lead, created_by=by
    )
    row.members.set({m.pk: m for m in people}.values())
    audit.record("liaison.research_topic", row, by=by, after={"members": row.members.count()})
    return row


@transaction.atomic
def add_activity(
    topic: ResearchTopic,
    *,
    on: date,
    title: str,
    place: str = "",
    participants: Iterable,
    findings: str = "",
    by,
) -> ResearchActivity:
    permissions.require_manage(by, topic.body, action="登记调研活动")
    title = require_text(title, "title_required", "请填写调研活动")
    if on > timezone.localdate():
        raise Refused("date_in_future", "调研日期不能晚于今天")
    people = list(participants)
    if not people:
        raise Refused("no_participants", "请选择参加调研的代表")
    members = set(topic.members.values_list("pk", flat=True))
    if any(m.pk not in members for m in people):
        raise Refused("participant_not_member", "参加调研的代表须为课题组成员")
    row = ResearchActivity.objects.create(
        topic=topic, on=on, title=title, place=place.strip(), findings=findings.strip()
    )
    row.participants.set(people)
    record_duties(people, code="research", on=on, source=row, title=f"专业组调研：{topic.title}·{title}")
    audit.record("liaison.research_activity", row, by=by, after={"participants": len(people)})
    return row


@transaction.atomic
def add_report(
    topic: ResearchTopic, *, title: str, submitted_on: date, summary: str, suggestions: Iterable = (), by
) -> ResearchReport:
    """The report; `suggestions` are the deputies' suggestions it led to (same body, led or co-signed by a
    member of the topic group)."""
    permissions.require_manage(by, topic.body, action="登记调研报告")
    title = require_text(title, "title_required", "请填写报告标题")
    summary = require_text(summary, "summary_required", "请填写报告的主要内容和建议")
    items = list(suggestions)
    members = set(topic.members.values_list("pk", flat=True))
    for s in items:
        if s.body_id != topic.body_id:
            raise Refused("suggestion_other_body", f"建议《{s.title}》不属于{topic.body}")
        signers = {s.lead_id, *s.cosigners.values_list("mandate_id", flat=True)}
        if not signers & members:
            raise Refused("suggestion_not_from_group", f"建议《{s.title}》不是课题组成员提出或附议的")
    row = ResearchReport.objects.create(topic=topic, title=title, submitted_on=submitted_on, summary=summary)
    row.suggestions.set(items)
    audit.record("liaison.research_report", row, by=by, after={"suggestions": len(items)})
    return row
