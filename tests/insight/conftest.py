"""The insight cast: a station, a few handled messages in three categories with their units, a model dir."""

import pytest

from renda.contact.choices import Category
from renda.insight import store
from renda.insight.ml import data
from tests.factories.contact import MessageFactory
from tests.factories.deputies import StationFactory

ROADS = [
    "人民路路面坑洼严重，雨天积水，车辆行驶困难",
    "公交站台损坏，候车群众日晒雨淋",
    "路口红绿灯时间太短，行人过马路危险",
]
SCHOOL = [
    "学校周边校车不够，孩子上学要走很远",
    "幼儿园学位紧张，报名排不上号",
    "中学食堂饭菜质量差，学生反映强烈",
]
HEALTH = [
    "卫生院缺少医生，看病排队时间长",
    "村卫生室药品不全，老人买药要跑镇上",
    "医保报销手续繁琐，群众多次往返",
]

requires_shared = pytest.mark.skipif(not data.available(), reason="共享数据目录不存在（RENDA_SHARED_DATA）")


@pytest.fixture(autouse=True)
def _model_dir(settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path
    monkeypatch.setenv("RENDA_INSIGHT_SHARED", "0")  # tests train on their own rows unless they ask
    store.forget()
    yield
    store.forget()


@pytest.fixture
def station(township_a):
    return StationFactory(body=township_a, name="城关镇人大代表联络站")


@pytest.fixture
def history(station, unit, other_unit, county):
    """30 handled messages: roads → 交通运输局 (other_unit), education and health → 住建局 (unit) —
    the deployment's own (odd) assignment, which the unit head must learn rather than guess."""
    from tests.factories.core import UnitFactory

    health_unit = UnitFactory(name="县卫生健康局", body=county)
    rows = []
    for k in range(10):
        for texts, cat, u in (
            (ROADS, Category.ROADS, other_unit),
            (SCHOOL, Category.EDUCATION, unit),
            (HEALTH, Category.HEALTH, health_unit),
        ):
            t = texts[k % 3]
            rows.append(
                MessageFactory(
                    station=station,
                    title=t[:12] + f"（{k}）",
                    content=t + f"，第{k}次反映。",
                    category=cat,
                    unit=u,
                )
            )
    return {"messages": rows, "roads": other_unit, "school": unit, "health": health_unit}
