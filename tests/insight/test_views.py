"""The screens: the routing panel and verdicts (staff only, in scope), similar items, hot topics, models."""

import pytest

from renda.insight import services
from renda.insight.models import RoutingFeedback


@pytest.fixture
def trained(history):
    services.retrain()
    return history


def test_route_panel_shows_the_suggestion_to_staff(trained, staff, login):
    msg = trained["messages"][0]
    r = login(staff).get(f"/work/insight/message/{msg.pk}/route/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "智能分办建议" in html and "道路交通" in html and "采纳建议" in html


def test_route_panel_is_not_for_other_roles_or_other_scopes(trained, outsider, unit_user, login):
    msg = trained["messages"][0]
    assert login(unit_user).get(f"/work/insight/message/{msg.pk}/route/").status_code == 403
    assert login(outsider).get(f"/work/insight/message/{msg.pk}/route/").status_code in (403, 404)


def test_accept_and_correct_are_stored(trained, staff, login):
    msg = trained["messages"][0]
    client = login(staff)
    r = client.post(f"/work/insight/message/{msg.pk}/route/verdict/", {"verdict": "accepted"})
    assert r.status_code == 200 and "已记录采纳" in r.content.decode()
    r = client.post(
        f"/work/insight/message/{msg.pk}/route/verdict/",
        {"verdict": "corrected", "unit": trained["health"].pk},
    )
    assert r.status_code == 200
    assert list(RoutingFeedback.objects.values_list("verdict", flat=True)) == ["corrected", "accepted"]


def test_a_bad_correction_is_a_clear_422(trained, staff, login):
    msg = trained["messages"][0]
    r = login(staff).post(f"/work/insight/message/{msg.pk}/route/verdict/", {"verdict": "corrected"})
    assert r.status_code == 422 and "请选择正确的类别或承办单位" in r.content.decode()
    assert not RoutingFeedback.objects.exists()


def test_contact_page_loads_the_panels_beside_the_forward_form(trained, staff, login):
    msg = trained["messages"][0]
    html = login(staff).get(f"/work/contact/{msg.pk}/").content.decode()
    if "转办承办单位" in html:
        assert f"/work/insight/message/{msg.pk}/route/" in html


def test_similar_and_hot_pages(trained, staff, leader, login):
    msg = trained["messages"][0]
    r = login(staff).get(f"/work/insight/message/{msg.pk}/similar/")
    assert r.status_code == 200 and "相似的已有件" in r.content.decode()
    r = login(leader).get("/work/insight/hot/?start=2026-13-01&end=x")  # bad dates fall back, never an error
    assert r.status_code == 200 and "热点分析" in r.content.decode()


def test_draft_similarity_for_a_deputy(trained, deputy_user, login):
    r = login(deputy_user).post(
        "/work/insight/similar/", {"title": "路面坑洼", "facts": "人民路路面坑洼严重", "proposals": ""}
    )
    assert r.status_code == 200


def test_models_page_and_rollback_refusal(trained, staff, login):
    client = login(staff)
    assert "v1" in client.get("/work/insight/models/").content.decode()
    r = client.post("/work/insight/models/", follow=True)
    assert "没有可回退的上一版本模型" in r.content.decode()


def test_reply_hints_panel_for_staff_and_the_assigned_unit_only(history, staff, unit_user, outsider, login):
    msg = history["messages"][1]  # an education message, forwarded to `unit`
    url = f"/work/insight/message/{msg.pk}/reply-hints/"
    r = login(staff).post(url, {"content": "感谢关心。"})
    assert r.status_code == 200 and "答复质量提示" in r.content.decode()
    r = login(unit_user).post(
        url, {"content": "已安排学校增开校车线路，将于下月起运行，联系电话 0000-1234567。"}
    )
    assert r.status_code == 200 and "相关性" in r.content.decode()
    other = history["messages"][0]  # forwarded to another unit
    assert (
        login(unit_user).post(f"/work/insight/message/{other.pk}/reply-hints/", {"content": "x"}).status_code
        == 404
    )


def test_contact_reply_form_posts_its_prefixed_field_to_the_hints(history, unit_user, login):
    """Contact's forms carry their action as prefix (`reply-text`): the hints read it, not an empty draft."""
    msg = history["messages"][1]
    url = f"/work/insight/message/{msg.pk}/reply-hints/"
    good = "已安排学校增开校车线路，将于 9 月 1 日前运行，联系电话 0000-1234567。"
    html = login(unit_user).post(url, {"reply-text": good}).content.decode()
    empty = login(unit_user).post(url, {}).content.decode()
    assert 'bg-green-lt">完整性' in html and "答复内容太短" in empty
