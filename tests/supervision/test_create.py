"""Staff create the smaller kinds from the screens; bad input is refused by name (domain.md §5)."""

from renda.supervision.models import Appraisal, Hearing, Matter, Project


def test_forms_create_each_kind(login, staff, unit):
    c = login(staff)
    assert (
        c.post(
            "/work/supervision/new/appraisal/", {"year": "2026", "title": "评议", "kind": "official"}
        ).status_code
        == 302
    )
    a = Appraisal.objects.get()
    assert (
        c.post(
            f"/work/supervision/appraisals/{a.pk}/appraisees/",
            {"unit": unit.pk, "person": "张三", "post": "局长", "ranked": "1"},
        ).status_code
        == 302
    )
    assert a.appraisees.count() == 1
    c.post("/work/supervision/new/hearing/", {"title": "问政", "held_on": "2026-12-20", "minutes": "5"})
    c.post(
        "/work/supervision/new/project/",
        {"year": "2027", "title": "新项目", "unit": unit.pk, "budget": "100"},
    )
    c.post("/work/supervision/new/matter/", {"title": "重大事项"})
    c.post(
        "/work/supervision/new/filing/",
        {"title": "办法", "number": "1号", "unit": unit.pk, "published_on": "2026-11-01"},
    )
    assert Hearing.objects.count() == Project.objects.count() == Matter.objects.count() == 1
