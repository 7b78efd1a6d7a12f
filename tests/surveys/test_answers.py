"""Answers: one each, stored apart from who answered, refusals store nothing (issue 18 "Bad input")."""

from datetime import timedelta

import pytest
from django.utils import timezone

from renda.core.errors import NotPermitted, Refused
from renda.surveys import services
from renda.surveys.models import Participation, Response, Survey


def counts(s):
    return Participation.objects.filter(survey=s).count(), Response.objects.filter(survey=s).count()


def test_named_answer_is_stored_apart_from_the_respondent(open_survey, respondents, answers):
    # wave2-references.md lesson 2: store the voter and the ballot apart.
    r = services.answer(open_survey, answers.make(), by=respondents[0])
    assert r.respondent is None and r.submitted_at is None
    p = Participation.objects.get(survey=open_survey)
    assert p.user == respondents[0]
    assert not hasattr(p, "response") and "response" not in [f.name for f in Participation._meta.fields]


def test_named_survey_not_anonymous_keeps_the_respondent(open_survey, respondents, answers):
    Survey.objects.filter(pk=open_survey.pk).update(anonymous=False)
    open_survey.refresh_from_db()
    r = services.answer(open_survey, answers.make(), by=respondents[0])
    assert r.respondent == respondents[0] and r.submitted_at is not None


def test_second_answer_from_the_same_person_is_refused(open_survey, respondents, answers):
    services.answer(open_survey, answers.make(), by=respondents[0])
    with pytest.raises(Refused) as exc:
        services.answer(open_survey, answers.make(gov="不满意"), by=respondents[0])
    assert exc.value.code == "survey_already_answered" and "只能填写一次" in exc.value.message
    assert counts(open_survey) == (1, 1)


def test_someone_not_invited_is_refused(open_survey, outsider, answers):
    with pytest.raises(NotPermitted) as exc:
        services.answer(open_survey, answers.make(), by=outsider)
    assert exc.value.code == "survey_not_invited"
    assert counts(open_survey) == (0, 0)


def test_answer_after_closing_is_refused(open_survey, respondents, answers, staff):
    s = services.close(open_survey, by=staff)
    with pytest.raises(Refused) as exc:
        services.answer(s, answers.make(), by=respondents[0])
    assert exc.value.code == "survey_closed" and "截止" in exc.value.message
    assert counts(s) == (0, 0)


def test_answer_before_opening_is_refused(survey, respondents, answers, staff):
    services.set_invitees(survey, respondents, by=staff)
    Survey.objects.filter(pk=survey.pk).update(opens_at=timezone.now() + timedelta(days=1))
    survey.refresh_from_db()
    s = services.publish(survey, by=staff)
    with pytest.raises(Refused) as exc:
        services.answer(s, answers.make(), by=respondents[0])
    assert exc.value.code == "survey_not_open"


@pytest.mark.parametrize(
    "mutate, code",
    [
        (lambda a, ans: a.update({str(ans.qs["总体评价"].pk): 999999}), "answer_out_of_range"),
        (lambda a, ans: a.update({str(ans.qs["所在乡镇"].pk): "abc"}), "answer_out_of_range"),
        (lambda a, ans: a.update({"999999": 1}), "answer_unknown_question"),
        (lambda a, ans: a.pop(str(ans.qs["所在乡镇"].pk)), "answer_required"),
        (lambda a, ans: a[str(ans.qs["对报告的评价"].pk)].popitem(), "answer_required"),
        (
            lambda a, ans: a.update(
                {str(ans.qs["重点领域"].pk): [ans.opt("重点领域", x) for x in ("教育", "医疗", "养老")]}
            ),
            "answer_too_many",
        ),
        (
            lambda a, ans: a.update(
                {str(ans.qs["对报告的评价"].pk): {"888888": ans.opt("对报告的评价", "满意")}}
            ),
            "answer_out_of_range",
        ),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_stored(open_survey, respondents, answers, mutate, code):
    a = answers.make()
    mutate(a, answers)
    with pytest.raises(Refused) as exc:
        services.answer(open_survey, a, by=respondents[0])
    assert exc.value.code == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in exc.value.message)  # a Chinese message
    assert counts(open_survey) == (0, 0)


def test_conditional_question_required_only_when_shown(open_survey, respondents, answers):
    with pytest.raises(Refused) as exc:
        services.answer(open_survey, answers.make(overall="不满意"), by=respondents[0])
    assert exc.value.code == "answer_required" and "不满意的原因" in exc.value.message
    r = services.answer(open_survey, answers.make(overall="不满意", why="落实不到位"), by=respondents[0])
    assert "落实不到位" in r.answers.values()
    # Shown only for 不满意: an answer to it given with 满意 is dropped, not stored.
    r2 = services.answer(open_survey, answers.make(overall="满意", why="不该出现"), by=respondents[1])
    assert "不该出现" not in r2.answers.values()


def test_paper_entry_ticks_the_respondent_off(open_survey, respondents, answers, staff):
    services.enter_paper(open_survey, answers.make(), respondent=respondents[2], by=staff)
    with pytest.raises(Refused):
        services.answer(open_survey, answers.make(), by=respondents[2])
    assert counts(open_survey) == (1, 1)
    assert Participation.objects.get(survey=open_survey).channel == "paper"


# Public --------------------------------------------------------------------------------------------------------


@pytest.fixture
def public_survey(staff, standing_committee):
    from renda.surveys.models import Kind

    s = services.create_survey(
        services.Settings(title="民生实事意见征集", audience="public"), body=standing_committee, by=staff
    )
    services.add_question(s, services.QuestionIn(kind=Kind.RATING, text="满意度", scale="five"), by=staff)
    return services.publish(s, by=staff)


def _one(s):
    q = s.questions.get()
    return {str(q.pk): q.options.first().pk}


def test_public_one_answer_per_device(public_survey):
    token = services.new_device_token()
    services.answer_public(public_survey, _one(public_survey), device=token, ip="10.0.0.1")
    with pytest.raises(Refused) as exc:
        services.answer_public(public_survey, _one(public_survey), device=token, ip="10.0.0.1")
    assert exc.value.code == "survey_already_answered" and "设备" in exc.value.message
    services.answer_public(
        public_survey, _one(public_survey), device=services.new_device_token(), ip="10.0.0.1"
    )
    assert counts(public_survey) == (2, 2)


def test_public_forged_device_token_is_refused(public_survey):
    with pytest.raises(Refused) as exc:
        services.answer_public(public_survey, _one(public_survey), device="forged:abc", ip="10.0.0.1")
    assert exc.value.code == "survey_device"
    assert counts(public_survey) == (0, 0)


def test_public_answers_are_rate_limited_per_address(public_survey, settings):
    settings.SURVEYS_LIMIT_ANSWER_IP = (3, 600)
    for _ in range(3):
        services.answer_public(
            public_survey, _one(public_survey), device=services.new_device_token(), ip="10.0.0.9"
        )
    with pytest.raises(Refused) as exc:
        services.answer_public(
            public_survey, _one(public_survey), device=services.new_device_token(), ip="10.0.0.9"
        )
    assert exc.value.code == "survey_rate_limited"
    services.answer_public(
        public_survey, _one(public_survey), device=services.new_device_token(), ip="10.0.0.10"
    )
    assert counts(public_survey) == (4, 4)


def test_named_survey_refuses_public_answers(open_survey, answers):
    with pytest.raises(Refused) as exc:
        services.answer_public(open_survey, answers.make(), device=services.new_device_token(), ip="10.0.0.1")
    assert exc.value.code == "survey_not_public"


def test_closing_seals_anonymous_answers_in_a_random_order(open_survey, respondents, answers, staff):
    # wave2-references.md lesson 2: delete the link when the poll closes (here: the shared transaction and
    # the neighbouring rows of a participation and its answer set).
    for user in respondents:
        services.answer(open_survey, answers.make(), by=user)
    before = sorted((str(r.id), str(r.answers)) for r in Response.objects.filter(survey=open_survey))
    s = services.close(open_survey, by=staff)
    s.refresh_from_db()
    assert s.sealed_at is not None
    after = sorted((str(r.id), str(r.answers)) for r in Response.objects.filter(survey=s))
    assert after == before  # the same answer sets, rewritten
    assert services.seal_closed() == 0  # already sealed: nothing to do


def test_seal_closed_finds_surveys_closed_by_the_clock(open_survey, respondents, answers):
    services.answer(open_survey, answers.make(), by=respondents[0])
    Survey.objects.filter(pk=open_survey.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    assert services.seal_closed() == 1
    assert Survey.objects.get(pk=open_survey.pk).sealed_at is not None
    assert services.seal_closed() == 0
