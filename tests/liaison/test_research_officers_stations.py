"""专业组调研 (seeds 003: 调研百余次，形成报告 50 篇), 人大联络员 (seeds 004), the "六有" standard (seeds 003)."""

import datetime as dt

import pytest
from django.utils import timezone

from renda.core.errors import Refused
from renda.duties.models import DutyRecord
from renda.liaison import selectors, services
from renda.liaison.models import LiaisonPolicy, StandardItem
from renda.liaison.services import research
from tests.factories.deputies import ProfessionalGroupFactory, StationFactory
from tests.factories.suggestions import SuggestionFactory


def test_a_research_activity_is_a_duty_and_the_report_links_its_suggestions(
    staff, county, own_mandate, other_mandate
):
    # domain.md §3.1 Art. 8: special research is a duty
    group = ProfessionalGroupFactory(body=county, name="农业农村专业组")
    topic = services.create_topic(
        group=group, year=2026, title="农村供水", lead=own_mandate, members=[other_mandate], by=staff
    )
    research.add_activity(
        topic, on=timezone.localdate(), title="走访水厂", participants=[own_mandate, other_mandate], by=staff
    )
    assert DutyRecord.objects.filter(duty_type__code="research").count() == 2
    s = SuggestionFactory(body=county, lead=own_mandate)
    report = research.add_report(
        topic, title="调研报告", submitted_on=timezone.localdate(), summary="建议", suggestions=[s], by=staff
    )
    assert list(report.suggestions.all()) == [s]


def test_a_participant_outside_the_topic_group_is_refused(staff, county, own_mandate, other_mandate):
    group = ProfessionalGroupFactory(body=county)
    topic = services.create_topic(group=group, year=2026, title="课题", lead=own_mandate, by=staff)
    with pytest.raises(Refused) as exc:
        research.add_activity(
            topic, on=timezone.localdate(), title="x", participants=[other_mandate], by=staff
        )
    assert exc.value.code == "participant_not_member"
    assert not DutyRecord.objects.exists()


def test_an_officer_has_a_township_or_a_unit_and_reports_within_the_term(
    staff, standing_committee, township_a, unit
):
    with pytest.raises(Refused) as exc:
        services.appoint(
            body=standing_committee,
            name="刘联络",
            township=township_a,
            unit=unit,
            start_date=dt.date(2026, 1, 1),
            end_date=dt.date(2028, 12, 31),
            by=staff,
        )
    assert exc.value.code == "post_required"
    officer = services.appoint(
        body=standing_committee,
        name="刘联络",
        township=township_a,
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2028, 12, 31),
        by=staff,
    )
    with pytest.raises(Refused) as exc:
        services.appoint(
            body=standing_committee,
            name="另一人",
            township=township_a,
            start_date=dt.date(2027, 1, 1),
            end_date=dt.date(2029, 12, 31),
            by=staff,
        )
    assert exc.value.code == "post_taken"
    with pytest.raises(Refused) as exc:
        services.add_report(officer, kind="report", on=dt.date(2025, 6, 1), title="x", content="y", by=staff)
    assert exc.value.code == "date_outside_term"
    services.add_report(
        officer, kind="activity", on=dt.date(2026, 6, 1), title="走访", content="走访代表 5 人", by=staff
    )
    assert officer.reports.count() == 1


def test_the_six_has_standard_lists_each_stations_gaps(staff, county, standing_committee):
    st = StationFactory(body=county, name="城关代表联络站")
    services.save_profile(st, area=80, facilities=["标识牌", "接待区"], rules=["接待制度"], by=staff)
    row = selectors.station_standing(county, [st])[0]
    gaps = {g.item.code: g.detail for g in row["gaps"]}
    # domain.md §4 draft standard: a site of at least 100 m²; reception, meeting and exhibition areas
    assert "不足 100 平方米" in gaps["site"]
    assert gaps["facilities"] == "缺少：会议区、展示区"
    assert "sign" not in gaps and "staff" in gaps and "activities" in gaps
    LiaisonPolicy.objects.create(body=county, min_station_area=60)  # the area is policy data
    assert "site" not in {g.item.code for g in selectors.station_standing(county, [st])[0]["gaps"]}
    item = StandardItem.objects.get(body=county, code="activities")
    with pytest.raises(Refused) as exc:
        services.check(st, item=item, met=False, note="", by=staff)
    assert exc.value.code == "note_required"
    services.check(st, item=item, met=True, by=staff)
    assert "activities" not in {g.item.code for g in selectors.station_standing(county, [st])[0]["gaps"]}
