"""The builder: questions frozen once answers exist (a new version instead), publishing checks."""

import pytest

from renda.core.errors import NotPermitted, Refused
from renda.surveys import services
from renda.surveys.models import Kind, Option, Question, Survey


def test_scales_carry_scores(survey):
    q = survey.questions.get(text="总体评价")
    assert [(o.label, float(o.score)) for o in q.options.all()] == [
        ("满意", 100),
        ("基本满意", 60),
        ("不满意", 0),
    ]


@pytest.mark.parametrize(
    "qin, code",
    [
        (services.QuestionIn(kind=Kind.SINGLE, text="只有一个选项", options=("是",)), "question_options"),
        (services.QuestionIn(kind=Kind.MATRIX, text="没有评价对象", scale="sat3"), "question_rows"),
        (services.QuestionIn(kind=Kind.SINGLE, text="", options=("是", "否")), "question_text"),
        (
            services.QuestionIn(kind=Kind.SINGLE, text="重复", options=("是", "是")),
            "question_option_duplicate",
        ),
        (services.QuestionIn(kind=Kind.SINGLE, text="分值", options=("好=120", "差=0")), "question_score"),
        (
            services.QuestionIn(kind=Kind.SINGLE, text="最多", options=("a", "b"), max_choices=2),
            "question_max_choices",
        ),
    ],
)
def test_bad_questions_are_refused(survey, staff, qin, code):
    before = Question.objects.count()
    with pytest.raises(Refused) as exc:
        services.add_question(survey, qin, by=staff)
    assert exc.value.code == code
    assert Question.objects.count() == before


def test_condition_must_be_an_option_of_this_survey(survey, staff, standing_committee):
    other = services.create_survey(services.Settings(title="另一份"), body=standing_committee, by=staff)
    q = services.add_question(
        other, services.QuestionIn(kind=Kind.SINGLE, text="x", options=("a", "b")), by=staff
    )
    with pytest.raises(Refused) as exc:
        services.add_question(
            survey,
            services.QuestionIn(kind=Kind.TEXT, text="y", show_if_option_id=q.options.first().pk),
            by=staff,
        )
    assert exc.value.code == "question_condition"


def test_questions_are_frozen_once_answers_exist(open_survey, respondents, answers, staff):
    services.answer(open_survey, answers.make(), by=respondents[0])
    q = open_survey.questions.first()
    for call in (
        lambda: services.add_question(
            open_survey, services.QuestionIn(kind=Kind.TEXT, text="新题"), by=staff
        ),
        lambda: services.delete_question(q, by=staff),
        lambda: services.move_question(q, up=False, by=staff),
        lambda: services.add_section(open_survey, title="新分节", by=staff),
    ):
        with pytest.raises(Refused) as exc:
            call()
        assert exc.value.code == "survey_has_answers" and "新版本" in exc.value.message
    # Publishing switches stay free: they change what is shown, not what answers mean.
    services.set_question_published(q, False, by=staff)


def test_new_version_copies_questions_and_conditions(open_survey, respondents, answers, staff):
    services.answer(open_survey, answers.make(), by=respondents[0])
    v2 = services.new_version(open_survey, by=staff)
    assert v2.version == 2 and v2.previous == open_survey and v2.published_at is None
    assert v2.questions.count() == open_survey.questions.count()
    why = v2.questions.get(text="不满意的原因")
    assert why.show_if.survey == v2 and why.show_if_option.question.survey == v2
    assert why.show_if_option.label == "不满意"
    services.add_question(v2, services.QuestionIn(kind=Kind.TEXT, text="新题"), by=staff)
    assert open_survey.responses.count() == 1 and v2.responses.count() == 0


def test_publish_needs_questions_and_invitees(staff, standing_committee):
    s = services.create_survey(
        services.Settings(title="空问卷", audience="named"), body=standing_committee, by=staff
    )
    with pytest.raises(Refused) as exc:
        services.publish(s, by=staff)
    assert exc.value.code == "survey_empty"
    services.add_question(s, services.QuestionIn(kind=Kind.TEXT, text="x"), by=staff)
    with pytest.raises(Refused) as exc:
        services.publish(s, by=staff)
    assert exc.value.code == "survey_no_invitees"
    assert Survey.objects.get(pk=s.pk).published_at is None


def test_members_audience_uses_standing_committee_seats(staff, standing_committee, leader):
    from renda.meetings.models import Membership

    fields = {f.name for f in Membership._meta.fields}
    kwargs = {"body": standing_committee, "user": leader}
    if "start_date" in fields:
        from django.utils import timezone

        kwargs["start_date"] = timezone.localdate()
    Membership.objects.create(**kwargs)
    s = services.create_survey(
        services.Settings(title="组成人员问卷", audience="members"), body=standing_committee, by=staff
    )
    services.add_question(s, services.QuestionIn(kind=Kind.TEXT, text="x"), by=staff)
    s = services.publish(s, by=staff)
    assert list(s.invitees.values_list("user__username", flat=True)) == ["leader"]


def test_only_staff_build(survey, leader, deputy_user):
    for user in (leader, deputy_user):
        with pytest.raises(NotPermitted):
            services.add_question(survey, services.QuestionIn(kind=Kind.TEXT, text="x"), by=user)


def test_times_must_be_in_order(staff, standing_committee):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    with pytest.raises(Refused) as exc:
        services.create_survey(
            services.Settings(title="t", opens_at=now, closes_at=now - timedelta(hours=1)),
            body=standing_committee,
            by=staff,
        )
    assert exc.value.code == "survey_times"
    assert not Option.objects.exists()
