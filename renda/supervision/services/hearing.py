"""Online hearings (网络问政) and special inquiries (专题询问, 监督法第四十七—五十条; seed 001):
questions collected in advance, a live session, a live vote per answer, every unsatisfied answer a 督办."""

from django.db import transaction
from django.utils import timezone

from renda.core import audit
from renda.core.errors import Refused
from renda.core.models import Unit

from .. import permissions
from ..choices import Grade, HearingStatus, QuestionStatus
from ..models import Hearing, Question
from . import followups


@transaction.atomic
def propose(
    h: Hearing, *, asker: str, text: str, from_deputy: bool = False, unit: Unit | None = None
) -> Question:
    """A question sent in advance by a deputy or a voter (the public page needs no account)."""
    if h.status != HearingStatus.COLLECTING:
        raise Refused("collecting_closed", "问题征集已结束")
    if not text.strip() or len(text.strip()) < 10:
        raise Refused("question_short", "问题至少写 10 个字")
    if not asker.strip():
        raise Refused("asker_required", "请填写提问人")
    q = Question.objects.create(
        hearing=h, asker=asker.strip()[:40], text=text.strip()[:2000], from_deputy=from_deputy, unit=unit
    )
    audit.record("supervision.question_propose", q, by=None)
    return q


@transaction.atomic
def accept(q: Question, *, unit: Unit, answerer: str, order: int, by) -> Question:
    permissions.require_staff(by, "确定问政问题")
    q.unit, q.answerer, q.order, q.status = unit, answerer.strip()[:60], order, QuestionStatus.ACCEPTED
    q.save(update_fields=["unit", "answerer", "order", "status"])
    audit.record("supervision.question_accept", q, by=by)
    return q


@transaction.atomic
def start_question(q: Question, *, by) -> Hearing:
    """The big screen shows this question, who answers it, and the answer timer."""
    permissions.require_staff(by, "主持问政")
    h = Hearing.objects.select_for_update().get(pk=q.hearing_id)
    if q.status not in (QuestionStatus.ACCEPTED, QuestionStatus.ASKED):
        raise Refused("question_not_accepted", "该问题未列入问政")
    h.status, h.current, h.current_started = HearingStatus.LIVE, q, timezone.now()
    h.save(update_fields=["status", "current", "current_started"])
    q.status = QuestionStatus.ASKED
    q.save(update_fields=["status"])
    audit.record("supervision.hearing_next", h, by=by)
    return h


@transaction.atomic
def open_vote(q: Question, *, by):
    """The live satisfaction vote on this answer: deputies (one each) and the public (one per device)."""
    from . import votes

    permissions.require_staff(by, "发起现场测评")
    if q.poll_id:
        raise Refused("vote_exists", "该问题已发起测评")
    h = q.hearing
    poll = votes.open_rating(
        body=h.body,
        title=f"问政测评：{q.text[:40]}",
        subject=q,
        electorate=votes.electorate_of(h.body),
        by=by,
        secret=True,
        allow_public=True,
        rule="hearing_satisfaction",
    )
    q.poll_id = poll.pk
    q.save(update_fields=["poll_id"])
    return poll


@transaction.atomic
def rate(q: Question, *, grade: str, source: str, by) -> Question:
    """Record the answer's rating; 不满意 becomes a tracked 督办 item with the hearing's deadline."""
    permissions.require_staff(by, "记录测评结果")
    q = Question.objects.select_for_update(of=("self",)).select_related("hearing__body", "unit").get(pk=q.pk)
    if grade not in Grade.values:
        raise Refused("grade_unknown", "测评结果须为满意、基本满意或不满意")
    if q.status not in (QuestionStatus.ASKED, QuestionStatus.RATED):
        raise Refused("not_asked", "该问题尚未现场问答")
    q.grade, q.grade_source, q.status = grade, source.strip()[:200], QuestionStatus.RATED
    q.save(update_fields=["grade", "grade_source", "status"])
    audit.record("supervision.question_rate", q, by=by, after={"grade": grade})
    if grade == Grade.UNSATISFIED and q.unit:
        followups.start(
            q,
            body=q.hearing.body,
            unit=q.unit,
            origin="网络问政不满意",
            title=f"问政督办：{q.text[:80]}",
            detail=f"提问人：{q.asker}；答复人：{q.answerer}；{source}",
            clock="hearing_months",
            cite="domain.md §5.1 监督法第五十条：询问意见交有关机关研究处理",
            by=by,
        )
    return q


def rate_from_poll(q: Question, *, by) -> Question:
    from . import votes

    grade, decided_by, _ = votes.rating_outcome(q.poll_id)
    return rate(q, grade=grade, source=decided_by or "现场测评", by=by)


@transaction.atomic
def end(h: Hearing, *, by) -> Hearing:
    permissions.require_staff(by, "结束问政")
    h.status, h.current = HearingStatus.ENDED, None
    h.save(update_fields=["status", "current"])
    audit.record("supervision.hearing_end", h, by=by)
    return h
