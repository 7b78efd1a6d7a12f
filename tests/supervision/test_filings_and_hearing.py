"""Record-filing review (domain.md §5.6) and online hearings (domain.md §5.1 监督法第四十七—五十条)."""

from datetime import date

import pytest

from renda.core.errors import Refused
from renda.supervision import services
from renda.supervision.choices import FilingStatus, Grade, QuestionStatus
from renda.supervision.models import FollowUp, Hearing


def test_filing_due_is_30_days_after_publication_and_late_marked(standing_committee, unit, staff):
    f = services.other.file_document(
        standing_committee,
        title="关于印发某办法的通知",
        number="青政发〔2026〕3号",
        unit=unit,
        published_on=date(2026, 3, 1),
        filed_on=date(2026, 4, 10),
        by=staff,
    )
    assert f.filing_due == date(2026, 3, 31) and f.filed_late()
    assert "30 日" in f.due_note and "第十一条" in f.due_note
    f = services.other.filing_step(f, "check", by=staff)
    f = services.other.filing_step(f, "review", by=staff, on=date(2026, 4, 15))
    assert f.review_due == date(2026, 7, 15)
    assert f.overdue(date(2026, 8, 1)) == "审查超期"
    with pytest.raises(Refused):
        services.other.filing_step(f, "require_correction", finding="", by=staff)
    f = services.other.filing_step(
        f, "require_correction", finding="第五条与上位法抵触", by=staff, on=date(2026, 5, 1)
    )
    assert f.status == FilingStatus.CORRECTION and f.correction_due == date(2026, 5, 31)


def test_unfiled_document_is_overdue(standing_committee, unit, staff):
    f = services.other.file_document(
        standing_committee,
        title="x",
        number="1",
        unit=unit,
        published_on=date(2026, 1, 1),
        filed_on=None,
        by=staff,
    )
    assert f.overdue(date(2026, 2, 5)) == "逾期未报备"


def test_unsatisfied_answer_becomes_a_tracked_item(standing_committee, unit, staff):
    h = Hearing.objects.create(body=standing_committee, title="网络问政", held_on=date(2026, 9, 1))
    q = services.hearing.propose(h, asker="王群众", text="小区门口道路坑洼多年未修，何时解决？")
    with pytest.raises(Refused):
        services.hearing.propose(h, asker="x", text="太短")
    services.hearing.accept(q, unit=unit, answerer="局长 张某", order=1, by=staff)
    services.hearing.start_question(q, by=staff)
    q = services.hearing.rate(
        q, grade=Grade.UNSATISFIED, source="满意 12 / 基本满意 20 / 不满意 40", by=staff
    )
    assert q.status == QuestionStatus.RATED
    f = FollowUp.objects.get(content_type__model="question", object_id=str(q.pk))
    assert f.unit == unit and f.origin == "网络问政不满意"


def test_public_question_form_is_rate_limited(client, standing_committee):
    # domain.md §5.1 监督法第四十七条 practice: questions from voters in advance; one address cannot flood the list
    h = Hearing.objects.create(body=standing_committee, title="网络问政", held_on=date(2026, 12, 20))
    for _ in range(7):
        client.post(
            f"/supervision/hearings/{h.pk}/", {"asker": "群众", "text": "请问城区停车难问题何时能够解决？"}
        )
    assert h.questions.count() == 5
