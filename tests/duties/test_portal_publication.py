"""Published duty points reach the public portal, per body and year (domain.md §3.1 代表法 Art. 58; §3.3
Dongbao and Hanbin publish scores online), and the staff page says whether portal publication is on."""

from renda.duties import services
from renda.duties.models import Publication, RuleSet
from tests.factories.duties import DutyRecordFactory


def test_a_new_rule_set_publishes_to_the_portal(county):
    # Off by default, every publication was frozen invisible: the portal always said 暂无公示.
    assert services.ruleset_for(county, 2025).publish_to_portal is True
    assert RuleSet._meta.get_field("publish_to_portal").default is True


def test_points_published_by_staff_are_on_the_portal_per_body_and_year(
    client, login, staff, county, own_mandate
):
    DutyRecordFactory(mandate=own_mandate)
    page = login(staff).get("/work/duties/rankings/?year=2025").content.decode()
    assert "门户网站公示：" in page and "已开启" in page
    resp = login(staff).post(
        "/work/duties/rankings/publish/",
        {"body": county.pk, "year": "2025", "period": "Y", "portal_choice": "1", "to_portal": "1"},
    )
    assert resp.status_code == 302
    portal = client.get("/duties/").content.decode()
    assert "暂无公示" not in portal and str(county) in portal and "2025年" in portal
    assert "2025年" in client.get(f"/duties/?body={county.pk}&year=2025").content.decode()
    assert "暂无公示" in client.get(f"/duties/?body={county.pk}&year=2024").content.decode()
    pub = Publication.objects.get()
    detail = client.get(f"/duties/p/{pub.pk}/").content.decode()
    assert own_mandate.person.name in detail


def test_a_publication_kept_off_the_portal_can_be_put_on_it_later(client, login, staff, county, own_mandate):
    DutyRecordFactory(mandate=own_mandate)
    c = login(staff)
    c.post(
        "/work/duties/rankings/publish/",
        {"body": county.pk, "year": "2025", "period": "Y", "portal_choice": "1"},
    )
    pub = Publication.objects.get()
    assert pub.to_portal is False and "暂无公示" in client.get("/duties/").content.decode()
    assert client.get(f"/duties/p/{pub.pk}/").status_code == 404
    assert (
        c.post(f"/work/duties/rankings/publications/{pub.pk}/portal/", {"to_portal": "1"}).status_code == 302
    )
    pub.refresh_from_db()
    assert pub.to_portal and client.get(f"/duties/p/{pub.pk}/").status_code == 200


def test_outsider_cannot_toggle_another_bodys_publication(login, outsider, staff, county, own_mandate):
    pub = services.publish(county, year=2025, period="Y", by=staff, to_portal=False)
    login(outsider).post(f"/work/duties/rankings/publications/{pub.pk}/portal/", {"to_portal": "1"})
    pub.refresh_from_db()
    assert pub.to_portal is False


def test_bad_year_and_body_values_never_500(client, login, staff, county):
    for q in ("?year=" + "9" * 5000, "?year=abc&body=x", "?body=" + "9" * 40, "?year=-1"):
        assert client.get("/duties/" + q).status_code == 200
    resp = login(staff).post(
        "/work/duties/rankings/publish/", {"body": county.pk, "year": "9" * 30, "period": "Y"}, follow=True
    )
    assert resp.status_code == 200 and "年度不正确" in resp.content.decode()
    assert not Publication.objects.exists()
