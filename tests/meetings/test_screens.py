"""Screens and API: who sees what (house-style: not found and not yours look the same)."""

import pytest

from renda.meetings import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def noticed(meeting, staff):
    return services.send_notice(meeting, by=staff)


def test_member_pages(noticed, members, login):
    c = login(members[0])
    assert noticed.title in c.get("/work/meetings/").content.decode()
    page = c.get(f"/work/meetings/{noticed.pk}/").content.decode()
    assert "审议工作报告" in page and "确认参加" in page


def test_reply_on_the_page(noticed, members, login):
    c = login(members[0])
    r = c.post(f"/work/meetings/{noticed.pk}/reply/", {"attend": "0", "reason": ""})
    assert r.status_code == 302
    assert noticed.attendees.get(user=members[0]).reply == "pending"  # refused: no reason
    c.post(f"/work/meetings/{noticed.pk}/reply/", {"attend": "0", "reason": "出差"})
    assert noticed.attendees.get(user=members[0]).reply == "leave"


def test_staff_and_chair_pages(noticed, staff, leader, login):
    s = login(staff)
    for url in ("prepare", "control", "screen", "door", "minutes"):
        assert s.get(f"/work/meetings/{noticed.pk}/{url}/").status_code == 200, url
    assert login(leader).get(f"/work/meetings/{noticed.pk}/control/").status_code == 200
    assert s.get("/work/meetings/new/").status_code == 200


def test_outsiders_see_nothing(noticed, outsider, members, login):
    c = login(outsider)
    assert c.get(f"/work/meetings/{noticed.pk}/").status_code == 404
    assert c.get(f"/work/meetings/{noticed.pk}/prepare/").status_code == 404
    assert login(members[0]).get(f"/work/meetings/{noticed.pk}/prepare/").status_code == 403


def test_new_meeting_form_keeps_values_on_error(standing_committee, staff, login):
    r = login(staff).post(
        "/work/meetings/new/",
        {
            "body": standing_committee.pk,
            "kind": "standing_committee",
            "title": "测试会议",
            "starts_at": "2027-01-05T12:00",
            "ends_at": "2027-01-05T09:00",
        },
    )
    assert r.status_code == 422 and "结束时间不能早于开始时间" in r.content.decode()
    assert "测试会议" in r.content.decode()


def test_api_list_detail_quorum_and_reply(noticed, members, login):
    c = login(members[0])
    rows = c.get("/api/v1/meetings").json()
    assert rows["count"] == 1
    d = c.get(f"/api/v1/meetings/{noticed.pk}").json()
    assert d["my_role"] == "member" and d["quorum"]["total"] == 5 and d["items"][0]["title"] == "审议工作报告"
    r = c.post(
        f"/api/v1/meetings/{noticed.pk}/reply",
        {"attend": False, "reason": ""},
        content_type="application/json",
    )
    assert r.status_code == 409 and r.json()["code"] == "leave_needs_reason"
    r = c.post(f"/api/v1/meetings/{noticed.pk}/reply", {"attend": True}, content_type="application/json")
    assert r.status_code == 200 and r.json()["reply"] == "confirmed"


def test_api_sign_in_and_transition(noticed, staff, leader, members, login):
    token, _ = services.door_code(noticed, by=staff)
    r = login(members[0]).post("/api/v1/meeting-sign-ins", {"token": token}, content_type="application/json")
    assert r.status_code == 200 and r.json()["method"] == "qr"
    r = login(members[1]).post("/api/v1/meeting-sign-ins", {"token": token}, content_type="application/json")
    assert r.status_code == 409 and r.json()["code"] == "signin_code_used"
    r = login(leader).post(
        f"/api/v1/meetings/{noticed.pk}/transitions/open", {}, content_type="application/json"
    )
    assert r.status_code == 409 and r.json()["code"] == "quorum_not_met"
    assert (
        login(leader)
        .post(f"/api/v1/meetings/{noticed.pk}/transitions/bogus", {}, content_type="application/json")
        .status_code
        == 422
    )


def test_api_outsider_gets_404(noticed, outsider, login):
    assert login(outsider).get(f"/api/v1/meetings/{noticed.pk}").status_code == 404


def test_home_page_lines_for_notices_and_leave(noticed, staff, members, login):
    from renda.meetings.selectors import waiting

    assert [w.label for w in waiting(members[0])] == ["待回复的会议通知"]
    services.reply(noticed.attendees.get(user=members[0]), attend=False, reason="出差", by=members[0])
    assert "待审批的会议请假" in [w.label for w in waiting(staff)]
    assert login(staff).get("/work/").status_code == 200


def test_meeting_page_queries_do_not_grow_with_papers(
    noticed, staff, members, login, django_assert_max_num_queries
):
    from .conftest import pdf_bytes, upload

    item = noticed.items.get()
    for k in range(6):
        services.add_item(noticed, title=f"议题{k}", by=staff)
        services.add_document(item, title=f"材料{k}", upload=upload("a.pdf", pdf_bytes()), by=staff)
    c = login(members[0])
    with django_assert_max_num_queries(40):
        assert c.get(f"/work/meetings/{noticed.pk}/").status_code == 200
    s = login(staff)
    with django_assert_max_num_queries(60):
        assert s.get(f"/work/meetings/{noticed.pk}/prepare/").status_code == 200
