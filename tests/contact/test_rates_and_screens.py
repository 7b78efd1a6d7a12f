"""Three rates (domain.md §2.2), scope between townships, screens per role, API, query counts, tasks."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from renda.contact import rates, services
from renda.contact.choices import Rating, Status
from renda.contact.models import Message
from renda.notify.models import Notification
from tests.contact.helpers import solve

pytestmark = pytest.mark.django_db


def _handled(make_message, keeper, staff, unit, unit_user, rating, resolved, late=False):
    m = services.forward(services.accept(make_message(), by=keeper), unit=unit, by=staff)
    if late:
        Message.objects.filter(pk=m.pk).update(reply_due_at=timezone.now() - dt.timedelta(minutes=1))
    m = services.reply(m, text="已处理", by=unit_user)
    return services.rate(m, rating=rating, resolved=resolved, by=None)


def test_three_rates_with_numerators_denominators_and_weighted_total(
    make_message, keeper, staff, unit, unit_user
):
    # domain.md §2.2: response / resolution / satisfaction, weights 30/35/35
    _handled(make_message, keeper, staff, unit, unit_user, Rating.SATISFIED, True)
    _handled(make_message, keeper, staff, unit, unit_user, Rating.BASIC, False, late=True)
    _handled(
        make_message, keeper, staff, unit, unit_user, Rating.UNSATISFIED, False
    )  # reopened, still counted
    today = timezone.localdate()
    rows = rates.ranking(Message.objects.all(), group="unit", start=today, end=today, weights=(30, 35, 35))
    r = rows[0]
    assert (r.response_num, r.response_den) == (2, 3)
    assert (r.resolved, r.satisfied, r.rated) == (1, 2, 3)
    assert r.total == round((30 * 66.7 + 35 * 33.3 + 35 * 66.7) / 100, 1)
    assert r.rank == 1 and r.name == unit.name
    st = rates.ranking(Message.objects.all(), group="station", start=today, end=today, weights=(30, 35, 35))[
        0
    ]
    assert (st.response_num, st.response_den) == (3, 3)


def test_rate_without_rated_messages_drops_out_of_the_total():
    row = rates.RateRow(key=1, response_num=1, response_den=2, weights=(30, 35, 35))
    assert row.resolution is None and row.total == 50.0


def test_rates_page_and_xlsx(
    login, staff, make_message, keeper, unit, unit_user, django_assert_max_num_queries
):
    _handled(make_message, keeper, staff, unit, unit_user, Rating.SATISFIED, True)
    c = login(staff)
    with django_assert_max_num_queries(12):
        page = c.get("/work/contact/rates/").content.decode()
    assert unit.name in page and "100.0%" in page
    r = c.get("/work/contact/rates.xlsx?group=station")
    assert r.status_code == 200 and r.content[:2] == b"PK"


def test_township_b_cannot_see_township_a_messages_anywhere(login, outsider, make_message):
    m = make_message()
    c = login(outsider)
    assert c.get(f"/work/contact/{m.pk}/").status_code == 404
    assert m.title not in c.get("/work/contact/").content.decode()
    assert c.get(f"/api/v1/contact/messages/{m.pk}").status_code == 404
    assert c.get("/api/v1/contact/messages").json()["count"] == 0


def test_admins_see_no_messages(login, system_admin, make_message):
    make_message()
    assert login(system_admin).get("/api/v1/contact/messages").status_code == 403


@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("staff", "/work/contact/"),
        ("staff", "/work/contact/overdue/"),
        ("staff", "/work/contact/stats/"),
        ("staff", "/work/contact/policy/"),
        ("staff", "/work/contact/receptions/"),
        ("keeper", "/work/contact/register/"),
        ("deputy_user", "/work/contact/mine/"),
        ("unit_user", "/work/contact/unit/"),
        ("leader", "/work/contact/rates/"),
    ],
)
def test_each_role_has_its_screen(request, login, station, who, path):
    assert login(request.getfixturevalue(who)).get(path).status_code == 200


def test_handling_screens_walk_a_message_through(login, make_message, keeper, staff, unit, unit_user):
    m = make_message()
    assert (
        login(keeper).post(f"/work/contact/{m.pk}/do/accept/", {"accept-urgency": "ordinary"}).status_code
        == 302
    )
    r = login(staff).post(
        f"/work/contact/{m.pk}/do/forward/", {"forward-unit": unit.pk, "forward-note": "请核实"}
    )
    assert r.status_code == 302
    c = login(unit_user)
    assert "路灯不亮" in c.get("/work/contact/unit/").content.decode()
    c.post(f"/work/contact/{m.pk}/do/reply/", {"reply-text": "已修复"})
    m.refresh_from_db()
    assert m.status == Status.REPLIED


def test_refused_action_on_the_screen_changes_nothing(login, make_message, staff, unit):
    m = make_message()
    r = login(staff).post(f"/work/contact/{m.pk}/do/forward/", {"forward-unit": unit.pk})
    assert r.status_code == 302
    m.refresh_from_db()
    assert m.status == Status.RECEIVED and m.unit is None


def test_keeper_registers_a_walk_in_on_the_phone_and_answers_on_the_spot(login, keeper, station):
    r = login(keeper).post(
        "/work/contact/register/",
        {
            "channel": "walk_in",
            "station": station.pk,
            "category": "pensions",
            "title": "高龄津贴",
            "content": "父亲的高龄津贴三个月没到账",
            "consent": "on",
            "answer_now": "已联系民政办，本周补发。",
        },
    )
    assert r.status_code == 200 and "来访人的查询码是" in r.content.decode()
    m = Message.objects.get()
    assert m.channel == "walk_in" and m.registered_by == keeper and m.status == Status.REPLIED


def test_unit_todo_uses_a_constant_number_of_queries(
    login, make_message, keeper, staff, unit, unit_user, django_assert_max_num_queries
):
    for _ in range(3):
        services.forward(services.accept(make_message(), by=keeper), unit=unit, by=staff)
    c = login(unit_user)
    with django_assert_max_num_queries(14) as few:
        c.get("/work/contact/unit/")
    for _ in range(5):
        services.forward(services.accept(make_message(), by=keeper), unit=unit, by=staff)
    with django_assert_max_num_queries(len(few.captured_queries)):
        r = c.get("/work/contact/unit/")
    assert r.content.decode().count("/work/contact/") >= 8


def test_api_public_create_and_status(station):
    c = Client()
    cap = c.get("/api/v1/contact/captcha").json()
    r = c.post(
        "/api/v1/contact/messages",
        {
            "station_id": station.pk,
            "category": "roads",
            "title": "路面坑洼",
            "content": "建设路坑洼很多，请修补。",
            "consent": True,
            "captcha_token": cap["token"],
            "captcha_answer": solve(cap["token"]),
        },
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    code = r.json()["code"]
    s = c.get(f"/api/v1/contact/status/{code}").json()
    assert s["status"] == "received" and s["title"] == "路面坑洼"
    assert c.get("/api/v1/contact/status/ZZZZZZZZZZZZ").status_code == 404


def test_api_create_with_wrong_captcha_is_refused_and_stores_nothing(station):
    r = Client().post(
        "/api/v1/contact/messages",
        {
            "station_id": station.pk,
            "category": "roads",
            "title": "t",
            "content": "内容足够长了",
            "consent": True,
            "captcha_token": "x",
            "captcha_answer": "1",
        },
        content_type="application/json",
    )
    assert r.status_code == 409 and r.json()["code"] == "captcha_expired" and not Message.objects.exists()


def test_api_staff_action_forward(login, staff, keeper, make_message, unit):
    m = services.accept(make_message(), by=keeper)
    r = login(staff).post(
        f"/api/v1/contact/messages/{m.pk}/actions",
        {"action": "forward", "unit_id": unit.pk},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["status"] == "forwarded"


def test_deadline_scan_reminds_once_and_closes_finished(make_message, keeper, staff, unit, unit_user):
    m = services.forward(services.accept(make_message(), by=keeper), unit=unit, by=staff)
    Message.objects.filter(pk=m.pk).update(reply_due=timezone.localdate() - dt.timedelta(days=1))
    assert services.scan_deadlines() == 1
    assert services.scan_deadlines() == 0
    assert Notification.objects.filter(user=unit_user, title__startswith="【已超期】").count() == 1
    m = services.reply(m, text="好", by=unit_user)
    Message.objects.filter(pk=m.pk).update(rate_due=timezone.localdate() - dt.timedelta(days=1))
    assert services.close_finished() == 1
    m.refresh_from_db()
    assert m.status == Status.CLOSED and m.events.last().label == "评价期已过，已办结"


def test_convert_links_both_ways(make_message, deputy_user):
    # domain.md §4: turned into a formal deputy suggestion, a draft of the deputy's own
    from renda.suggestions.models import Suggestion

    m = services.accept(make_message(), by=deputy_user)
    m = services.convert(
        m, by=deputy_user, mandate=None if m.mandate else deputy_user.person.mandates.first()
    )
    # issue 15: a real foreign key one way, the suggestion's generic origin the other.
    m = Message.objects.select_related("suggestion").get(pk=m.pk)
    draft = m.suggestion
    assert m.status == Status.CONVERTED and isinstance(draft, Suggestion)
    assert draft.origin == m and list(draft.voter_messages.all()) == [m]
    assert draft.lead.person.user_id == deputy_user.pk


def test_staff_list_uses_a_constant_number_of_queries(
    login, staff, make_message, django_assert_max_num_queries
):
    make_message()
    c = login(staff)
    with django_assert_max_num_queries(14) as few:
        c.get("/work/contact/")
    for _ in range(6):
        make_message()
    with django_assert_max_num_queries(len(few.captured_queries)):
        r = c.get("/work/contact/")
    assert r.status_code == 200 and r.content.decode().count("路灯不亮") >= 7


def test_lists_mark_overdue_and_due_soon(login, staff, make_message):
    late, soon = make_message(title="超期的留言"), make_message(title="临期的留言")
    today = timezone.localdate()
    now = timezone.now()
    Message.objects.filter(pk=late.pk).update(
        accept_due=today - dt.timedelta(days=1), accept_due_at=now - dt.timedelta(days=1)
    )
    Message.objects.filter(pk=soon.pk).update(
        accept_due=today + dt.timedelta(days=1), accept_due_at=now + dt.timedelta(days=1)
    )
    page = login(staff).get("/work/contact/").content.decode()
    assert "超期</span>" in page and "临期</span>" in page
    board = login(staff).get("/work/contact/overdue/").content.decode()
    assert "超期的留言" in board and "临期的留言" not in board


def test_convert_creates_a_real_draft_suggestion_of_the_stationed_deputy(
    make_message, deputy_user, mandate, login
):
    # domain.md §4 + crossapp contract: suggestions.services.create_draft(origin=message)
    from renda.suggestions.models import Suggestion

    m = services.accept(make_message(), by=deputy_user)
    r = login(deputy_user).post(f"/work/contact/{m.pk}/do/convert/")
    assert r.status_code == 302
    m.refresh_from_db()
    s = Suggestion.objects.get(pk=m.suggestion_id)
    assert m.status == Status.CONVERTED and s.lead == mandate
    assert (s.origin_type.model_class(), s.origin_id) == (Message, str(m.pk))


def test_list_export_follows_filters_and_leaves_out_phones(login, staff, make_message):
    import io

    from openpyxl import load_workbook

    make_message(title="道路的留言")
    make_message(title="教育的留言", category="education")
    r = login(staff).get("/work/contact/export.xlsx?category=education")
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert len(rows) == 3 and rows[2][3] == "教育的留言"  # title line with the filters, header, the row
    assert "类别=教育" in rows[0][0]  # the label the filter shows, not the code
    assert "13800001234" not in str(rows)


def test_policy_weights_must_sum_to_100_and_a_refusal_changes_nothing(login, staff, standing_committee):
    from renda.contact.models import ContactPolicy

    c = login(staff)
    values = {
        "accept_hours": 2,
        "forward_days": 10,
        "reply_emergency_hours": 2,
        "reply_utilities_hours": 24,
        "reply_ordinary_days": 7,
        "reply_complex_days": 12,
        "reopen_max": 3,
        "rate_days": 10,
        "publish_lead_days": 3,
        "due_soon_days": 2,
        "weight_response": 40,
        "weight_resolution": 40,
        "weight_satisfaction": 40,
    }
    r = c.post("/work/contact/policy/", values)
    assert r.status_code == 422 and "三率权重之和须为 100" in r.content.decode()
    assert not ContactPolicy.objects.exists()
    values["weight_satisfaction"] = 20
    assert c.post("/work/contact/policy/", values).status_code == 302
    assert ContactPolicy.objects.get(body=standing_committee).reply_complex_days == 12


def test_township_staff_cannot_edit_the_county_policy_but_keeps_its_own(login, township_staff, township_a):
    from renda.contact import services as contact_services
    from renda.core.errors import NotPermitted

    with pytest.raises(NotPermitted):
        contact_services.save_policy(township_a.parent, by=township_staff, accept_hours=5)
    row = contact_services.save_policy(township_a, by=township_staff, accept_hours=5)
    assert row.accept_hours == 5 and row.weights == (30, 35, 35)


def test_deputy_sees_messages_at_their_station_not_others(login, deputy_user, make_message, station_b):
    mine = make_message(title="本站留言")
    make_message(title="别站留言", station=station_b)
    page = login(deputy_user).get("/work/contact/mine/").content.decode()
    assert "本站留言" in page and "别站留言" not in page
    assert login(deputy_user).get(f"/work/contact/{mine.pk}/").status_code == 200
