"""Case-quality review (案件质量评查, seed 000): the edit screen stores cases sampled, reviewers, a score per
criterion, findings and opinions; a score outside its criterion's range is refused naming the row, nothing
stored; opinions go to the unit as a tracked 整改 item (domain.md §5.1 监督法第十七条)."""

import pytest

from renda.core.errors import Refused
from renda.supervision import services
from renda.supervision.models import CaseReview, FollowUp
from renda.supervision.services.cases import Row

pytestmark = pytest.mark.django_db


def _form(unit, **over):
    data = {
        "year": "2026",
        "unit": unit.pk,
        "total_cases": "1200",
        "cases": "60",
        "flawed": "3",
        "reviewers": "法制委员会委员、律师代表",
        "c_name": ["事实认定", "法律适用", "程序规范"],
        "c_max": ["40", "30", "30"],
        "c_score": ["36", "27", "24"],
        "findings": "个别案件超审限",
        "opinion_text": "规范审限管理\n加强文书说理",
    }
    data.update(over)
    return data


def test_the_edit_screen_saves_the_sheet_and_computes_the_score(login, staff, unit):
    c = login(staff)
    assert c.get("/work/supervision/cases/new/").status_code == 200
    r = c.post("/work/supervision/cases/new/", _form(unit))
    assert r.status_code == 302
    review = CaseReview.objects.get()
    assert review.score == 87  # (36 + 27 + 24) / 100 × 100
    assert review.opinions == 2 and review.criteria[1] == {"name": "法律适用", "max": 30.0, "score": 27.0}
    r = c.post(f"/work/supervision/cases/{review.pk}/", _form(unit, c_score=["40", "30", "30"]))
    review.refresh_from_db()
    assert review.score == 100


def test_a_score_outside_its_criterion_range_is_refused_naming_the_row(login, staff, unit):
    c = login(staff)
    r = c.post("/work/supervision/cases/new/", _form(unit, c_score=["36", "32", "24"]))
    assert r.status_code == 422
    page = r.content.decode()
    assert "第2行“法律适用”得分 32 超出范围 0—30" in page
    assert 'value="32"' in page  # what was typed stays on the form
    assert not CaseReview.objects.exists()


def test_more_flawed_than_sampled_or_more_sampled_than_total_is_refused(standing_committee, unit, staff):
    rows = [Row("事实认定", "100", "90")]
    for cases, total, flawed in ((5, None, 6), (50, 40, 0)):
        with pytest.raises(Refused) as exc:
            services.cases.save_review(
                None,
                body=standing_committee,
                year=2026,
                unit=unit,
                cases=cases,
                total_cases=total,
                case_numbers="",
                reviewers="评查组",
                rows=rows,
                flawed=flawed,
                findings="",
                opinion_text="",
                by=staff,
            )
        assert exc.value.code == "cases_invalid"
    assert not CaseReview.objects.exists()


def test_rectification_is_tracked_and_the_unit_sees_its_review(login, staff, unit, unit_user, other_unit):
    c = login(staff)
    c.post("/work/supervision/cases/new/", _form(unit))
    review = CaseReview.objects.get()
    c.post(f"/work/supervision/cases/{review.pk}/rectify/", {"title": "整改超审限问题"})
    f = FollowUp.objects.get(content_type__model="casereview", object_id=str(review.pk))
    assert f.unit == unit and f.due and f.origin == "案件评查整改"
    assert login(unit_user).get(f"/work/supervision/cases/{review.pk}/").status_code == 200
