"""Training from the deployment's history, versions and rollback, verdicts, the suggestion gate."""

import pytest

from renda.core.errors import NotPermitted, Refused
from renda.insight import services, store
from renda.insight.models import ModelVersion, RoutingFeedback
from renda.insight.selectors import suggest_route


def test_no_model_no_suggestion(county):
    hint = suggest_route("人民路路面坑洼严重", body=county)
    assert not hint.ok and "尚未训练" in hint.reason


def test_retrain_learns_units_from_history_and_is_safe_to_run_twice(history, township_a):
    first = services.retrain()
    assert first["trained"] and first["version"] == 1
    again = services.retrain()
    assert not again["trained"] and again["reason"] == "训练数据未变化"
    assert ModelVersion.objects.count() == 1
    hint = suggest_route("红绿灯路口行人过马路太危险，路面坑洼", body=township_a)
    assert hint.ok and hint.category[0][0] == "roads"
    assert hint.unit and hint.unit[0][0] == history["roads"]


def test_short_or_empty_text_gets_no_suggestion(history, township_a):
    services.retrain()
    for odd in ["", "好", "😀😀😀", "   "]:
        hint = suggest_route(odd, body=township_a)
        assert not hint.ok and hint.reason


def test_below_threshold_there_is_no_suggestion(history, township_a, settings):
    from renda.insight.models import InsightPolicy

    services.retrain()
    InsightPolicy.objects.create(body=township_a.parent, route_threshold=99)
    from django.core.cache import cache

    cache.clear()
    hint = suggest_route("天气很好今天心情不错", body=township_a)
    assert not hint.ok and "低于" in hint.reason  # issue 22: below the threshold no suggestion, never a guess


def test_correction_is_stored_and_trains_the_next_version(history, township_a, staff):
    services.retrain()
    msg = history["messages"][0]  # a roads message
    hint = suggest_route(msg.title + msg.content, body=msg.body)
    fb = services.record_verdict(
        msg, by=staff, verdict="corrected", suggestion=hint.as_feedback(), unit=history["health"]
    )
    assert fb.unit == history["health"] and fb.suggested_unit == history["roads"] and fb.model_version == 1
    ts = services.training_set(shared=False)
    i = ts["texts"].index(msg.title + "\n" + msg.content)
    assert ts["units"][i] == str(history["health"].pk)
    result = services.retrain()
    assert result["trained"] and result["version"] == 2
    assert ModelVersion.objects.get(version=2).corrections == 1


def test_verdict_refusals(history, staff, unit_user, outsider):
    from tests.factories.core import BodyFactory, UnitFactory

    msg = history["messages"][0]
    with pytest.raises(NotPermitted):
        services.record_verdict(msg, by=unit_user, verdict="accepted", suggestion={}, category="roads")
    with pytest.raises(Refused) as exc:
        services.record_verdict(msg, by=staff, verdict="corrected", suggestion={})
    assert exc.value.code == "verdict_empty"
    elsewhere = UnitFactory(name="外县交通局", body=BodyFactory(name="外县人大"))
    with pytest.raises(Refused) as exc:
        services.record_verdict(msg, by=staff, verdict="corrected", suggestion={}, unit=elsewhere)
    assert exc.value.code == "unit_other_body"
    assert RoutingFeedback.objects.count() == 0


def test_rollback_returns_to_the_previous_version_and_keeps_its_file(history, staff):
    services.retrain()
    services.retrain(force=True)
    assert ModelVersion.objects.get(active=True).version == 2
    row = services.rollback(by=staff)
    assert row.version == 1 and ModelVersion.objects.get(active=True).version == 1
    active_row, model = store.active()
    assert active_row.version == 1 and model is not None
    with pytest.raises(Refused) as exc:
        services.rollback(by=staff)
    assert exc.value.code == "no_previous_model"


def test_only_two_model_files_are_kept(history):
    for _ in range(4):
        services.retrain(force=True)
    files = sorted(p.name[:13] for p in store.model_dir().glob("router-v*.pkl"))
    assert files == ["router-v0003-", "router-v0004-"]


def test_periodic_task_calls_the_service(history):
    from renda.core import tasks

    result = tasks.insight_retrain.call_local()
    assert result["trained"]
    assert not tasks.insight_retrain.call_local()["trained"]


def test_a_concurrent_training_that_loses_the_version_number_leaves_no_file(history, monkeypatch):
    from django.db import IntegrityError

    from renda.insight.models import ModelVersion

    services.retrain()

    def lose(**kw):
        raise IntegrityError("version taken")

    monkeypatch.setattr(ModelVersion.objects, "create", lose)
    result = services.retrain(force=True)
    assert not result["trained"]
    assert len(list(store.model_dir().glob("router-v*.pkl"))) == 1
    assert ModelVersion.objects.get(active=True).version == 1  # the rollback inside the atomic block
