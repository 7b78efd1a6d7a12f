"""The year-end rating of livelihood projects by the deputies (wave2-references (b) "人大督"; domain.md §5.3):
one secret poll per project in renda.voting, exactly once per deputy, nothing after the close, the grade from
the rule as data, shown with the rule; 不满意 → a follow-up."""

import uuid
from decimal import Decimal

import pytest

from renda.core.errors import Refused
from renda.core.roles import Role
from renda.supervision import services
from renda.supervision.choices import ProjectStatus
from renda.supervision.models import FollowUp, Project
from renda.voting.models import Poll
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def deputies(county):
    return [UserFactory(username=f"d{i}", role=Role.DEPUTY, body=county) for i in range(5)]


@pytest.fixture
def projects(standing_committee, unit):
    out = []
    for k, title in enumerate(("老旧小区改造", "农村饮水安全提升")):
        out.append(
            Project.objects.create(
                body=standing_committee,
                year=2026,
                title=title,
                unit=unit,
                budget=Decimal(1000),
                progress=100 - k * 40,
                status=ProjectStatus.DONE if k == 0 else ProjectStatus.SELECTED,
            )
        )
    Project.objects.create(
        body=standing_committee, year=2026, title="未当选项目", unit=unit, budget=Decimal(10)
    )
    return out


def _option(p, label):
    return Poll.objects.get(pk=p.rating_poll_id).options.get(label=label).pk


def _refresh(p):
    p.refresh_from_db()
    return p


def test_each_deputy_rates_each_project_once_and_the_rule_decides(
    standing_committee, staff, deputies, projects
):
    assert (
        services.livelihood.open_rating(standing_committee, 2026, by=staff) == 2
    )  # the candidate is not rated
    a, b = (_refresh(p) for p in projects)
    for k, d in enumerate(deputies):
        services.livelihood.rate(a, voter=d, option_id=_option(a, "满意" if k < 3 else "基本满意"))
        services.livelihood.rate(b, voter=d, option_id=_option(b, "不满意" if k < 3 else "满意"))
    with pytest.raises(Refused) as exc:  # a second, different rating by the same deputy
        services.livelihood.rate(a, voter=deputies[0], option_id=_option(a, "不满意"))
    assert exc.value.code == "already_voted"
    assert services.livelihood.close_rating(standing_committee, 2026, by=staff) == 2
    a, b = _refresh(a), _refresh(b)
    # 满意 3 of 5 valid votes: more than half → 满意 (rule livelihood_rating, base = votes cast)
    assert (
        a.rating == "satisfied"
        and "满意3票" in a.rating_line
        and "民生实事项目年终满意度测评" in a.rating_rule
    )
    # 满意 + 基本满意 = 2 of 5: not more than half → 不满意, and a follow-up
    assert b.rating == "unsatisfied"
    assert FollowUp.objects.filter(content_type__model="project", object_id=str(b.pk)).exists()


def test_rating_after_the_close_is_refused(standing_committee, staff, deputies, projects):
    services.livelihood.open_rating(standing_committee, 2026, by=staff)
    a = _refresh(projects[0])
    for d in deputies[:3]:
        services.livelihood.rate(a, voter=d, option_id=_option(a, "满意"))
    services.livelihood.close_rating(standing_committee, 2026, by=staff)
    with pytest.raises(Refused) as exc:
        services.livelihood.rate(a, voter=deputies[4], option_id=_option(a, "满意"))
    assert exc.value.code == "poll_not_open"


def test_too_few_deputies_taking_part_gives_no_grade(standing_committee, staff, deputies, projects):
    # the rule's quorum: more than half of the deputies must take part (2 of 5 is not)
    services.livelihood.open_rating(standing_committee, 2026, by=staff)
    a = _refresh(projects[0])
    for d in deputies[:2]:
        services.livelihood.rate(a, voter=d, option_id=_option(a, "满意"))
    services.livelihood.close_rating(standing_committee, 2026, by=staff)
    a = _refresh(a)
    assert a.rating == "" and "无效" in a.rating_line


def test_rating_cannot_open_twice_or_without_selected_projects(standing_committee, staff, deputies, projects):
    services.livelihood.open_rating(standing_committee, 2026, by=staff)
    with pytest.raises(Refused) as exc:
        services.livelihood.open_rating(standing_committee, 2026, by=staff)
    assert exc.value.code == "nothing_to_rate"


def test_the_deputy_rates_on_the_phone_page(login, standing_committee, staff, deputies, projects):
    services.livelihood.open_rating(standing_committee, 2026, by=staff)
    a = _refresh(projects[0])
    c = login(deputies[0])
    page = c.get("/work/supervision/projects/rate/?year=2026").content.decode()
    assert "老旧小区改造" in page and "基本满意" in page
    key = str(uuid.uuid4())
    r = c.post(f"/work/supervision/projects/{a.pk}/rate/", {"option": _option(a, "满意"), "key": key})
    assert r.status_code == 302
    page = c.get("/work/supervision/projects/rate/?year=2026").content.decode()
    assert "已测评" in page
    # the same form sent again (same key) is the same vote, not a second one
    c.post(f"/work/supervision/projects/{a.pk}/rate/", {"option": _option(a, "满意"), "key": key})
    assert Poll.objects.get(pk=a.rating_poll_id).participations.count() == 1


def test_staff_see_the_rating_with_its_rule(login, standing_committee, staff, deputies, projects):
    services.livelihood.open_rating(standing_committee, 2026, by=staff)
    a = _refresh(projects[0])
    for d in deputies[:4]:
        services.livelihood.rate(a, voter=d, option_id=_option(a, "基本满意"))
    services.livelihood.close_rating(standing_committee, 2026, by=staff)
    page = login(staff).get("/work/supervision/projects/?year=2026").content.decode()
    assert "基本满意" in page and "判定规则" in page and "票决制实施办法" in page
