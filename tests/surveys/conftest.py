"""A small satisfaction survey: township (single), a matrix of two reports on 满意/基本满意/不满意, an overall
rating with a conditional "why" question, a multiple choice and a free-text question."""

import pytest

from renda.core.roles import Role
from renda.surveys import services
from renda.surveys.models import Kind
from tests.factories.core import UserFactory


@pytest.fixture
def survey(staff, standing_committee):
    s = services.create_survey(
        services.Settings(title="工作报告满意度调查", audience="named", anonymous=True),
        body=standing_committee,
        by=staff,
    )
    services.add_section(s, title="基本情况", by=staff)
    services.add_question(
        s, services.QuestionIn(kind=Kind.SINGLE, text="所在乡镇", options=("城关镇", "青石镇")), by=staff
    )
    services.add_question(
        s,
        services.QuestionIn(
            kind=Kind.MATRIX, text="对报告的评价", rows=("政府工作报告", "法院工作报告"), scale="sat3"
        ),
        by=staff,
    )
    overall = services.add_question(
        s, services.QuestionIn(kind=Kind.RATING, text="总体评价", scale="sat3"), by=staff
    )
    services.add_question(
        s,
        services.QuestionIn(
            kind=Kind.TEXT, text="不满意的原因", show_if_option_id=overall.options.get(label="不满意").pk
        ),
        by=staff,
    )
    services.add_question(
        s,
        services.QuestionIn(
            kind=Kind.MULTIPLE, text="重点领域", options=("教育", "医疗", "养老", "交通"), max_choices=2
        ),
        by=staff,
    )
    services.add_question(s, services.QuestionIn(kind=Kind.TEXT, text="意见建议", required=False), by=staff)
    s.refresh_from_db()
    return s


@pytest.fixture
def respondents(county):
    return [UserFactory(username=f"r{i:02d}", role=Role.DEPUTY, body=county) for i in range(8)]


@pytest.fixture
def open_survey(survey, respondents, deputy_user, staff):
    services.set_invitees(survey, [*respondents, deputy_user], by=staff)
    return services.publish(survey, by=staff)


class Answers:
    """Builds an answer dict by labels, so tests read like the questionnaire."""

    def __init__(self, survey):
        self.qs = {q.text: q for q in survey.questions.prefetch_related("options", "rows")}

    def opt(self, text, label):
        return self.qs[text].options.get(label=label).pk

    def make(
        self, town="城关镇", gov="满意", court="满意", overall="满意", why=None, fields=("教育",), note=None
    ):
        q = self.qs
        a = {
            str(q["所在乡镇"].pk): self.opt("所在乡镇", town),
            str(q["对报告的评价"].pk): {
                str(q["对报告的评价"].rows.get(label="政府工作报告").pk): self.opt("对报告的评价", gov),
                str(q["对报告的评价"].rows.get(label="法院工作报告").pk): self.opt("对报告的评价", court),
            },
            str(q["总体评价"].pk): self.opt("总体评价", overall),
            str(q["重点领域"].pk): [self.opt("重点领域", f) for f in fields],
        }
        if why is not None:
            a[str(q["不满意的原因"].pk)] = why
        if note is not None:
            a[str(q["意见建议"].pk)] = note
        return a


@pytest.fixture
def answers(survey):
    return Answers(survey)
