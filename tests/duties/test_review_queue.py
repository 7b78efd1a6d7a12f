"""The review queue of declarations (domain.md §3.3 申报审核制): search by deputy, type and date, either order,
bulk approval of ticked rows, photo preview; bad filter values are named in Chinese and ignored."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from renda.duties import services
from renda.duties.choices import Review
from renda.duties.models import DutyRecord
from tests.exporting import exported, shown
from tests.factories.deputies import MandateFactory, PersonFactory
from tests.factories.duties import DutyRecordFactory, dtype

URL = "/work/duties/review/"


def _declare(mandate, code, on, title, by, **kw):
    kw.setdefault("evidence_text", "现场签到表")
    return services.declare(mandate, duty_type=dtype(mandate.body, code), on=on, title=title, by=by, **kw)


def _queue(deputy_user, own_mandate, county):
    other = MandateFactory(body=county, person=PersonFactory(name="钱多多"), start_date=dt.date(2021, 10, 1))
    a = _declare(own_mandate, "training", dt.date(2025, 3, 1), "参加培训甲", deputy_user)
    b = _declare(own_mandate, "voter_contact", dt.date(2025, 6, 1), "走访联系户乙", deputy_user)
    c = DutyRecordFactory(
        mandate=other,
        duty_type=dtype(county, "training"),
        on=dt.date(2025, 9, 1),
        title="参加培训丙",
        source="declared",
        status=Review.PENDING,
    )
    return a, b, c


def _titles(resp):
    html = resp.content.decode()
    return [t for t in ("参加培训甲", "走访联系户乙", "参加培训丙") if t in html], html


def test_queue_is_searched_by_deputy_type_and_date_in_either_order(
    login, staff, deputy_user, own_mandate, county
):
    _queue(deputy_user, own_mandate, county)
    c = login(staff)
    assert _titles(c.get(URL))[0] == ["参加培训甲", "走访联系户乙", "参加培训丙"]
    assert _titles(c.get(URL + "?deputy=钱"))[0] == ["参加培训丙"]
    assert _titles(c.get(URL + "?deputy=qianduo"))[0] == ["参加培训丙"]
    training = dtype(county, "training").pk
    assert _titles(c.get(f"{URL}?duty_type={training}"))[0] == ["参加培训甲", "参加培训丙"]
    assert _titles(c.get(URL + "?start=2025-05-01&end=2025-08-31"))[0] == ["走访联系户乙"]
    html = c.get(URL + "?order=newest").content.decode()
    assert html.index("参加培训丙") < html.index("走访联系户乙") < html.index("参加培训甲")


def test_bad_filter_values_are_named_and_ignored_never_500(login, staff, deputy_user, own_mandate, county):
    _queue(deputy_user, own_mandate, county)
    c = login(staff)
    for q in (
        "?start=2025-13-45",
        "?duty_type=x",
        "?duty_type=" + "9" * 40,
        "?order=sideways",
        "?end=abc&start=2025-01-01",
        "?deputy=" + "王" * 500,
        "?start=2025-09-01&end=2025-01-01",
        "?page=" + "9" * 50,
    ):
        resp = c.get(URL + q)
        assert resp.status_code == 200, q
    titles, html = _titles(c.get(URL + "?start=2025-13-45&duty_type=x"))
    assert titles == ["参加培训甲", "走访联系户乙", "参加培训丙"]
    assert "已忽略" in html and "日期" in html
    assert "截止日期不能早于起始日期" in c.get(URL + "?start=2025-09-01&end=2025-01-01").content.decode()


def test_bulk_approve_confirms_only_the_ticked_rows(login, staff, deputy_user, own_mandate, county):
    a, b, c_ = _queue(deputy_user, own_mandate, county)
    c = login(staff)
    html = c.get(URL).content.decode()
    assert 'data-confirm="确认所勾选的申报' in html and 'name="ids"' in html
    resp = c.post(URL + "bulk/", {"ids": [a.pk, c_.pk, "x", "9" * 30], "query": "order=newest"})
    assert resp.status_code == 302 and resp.url.endswith("?order=newest")
    status = dict(DutyRecord.objects.values_list("pk", "status"))
    assert status == {a.pk: Review.APPROVED, b.pk: Review.PENDING, c_.pk: Review.APPROVED}


def test_bulk_approve_of_nothing_or_of_another_township_changes_nothing(
    login, outsider, staff, deputy_user, own_mandate, county
):
    a, b, _ = _queue(deputy_user, own_mandate, county)
    assert login(staff).post(URL + "bulk/", {}).status_code == 302
    login(outsider).post(URL + "bulk/", {"ids": [a.pk, b.pk]})
    assert set(DutyRecord.objects.values_list("status", flat=True)) == {Review.PENDING}


def test_evidence_photo_is_previewed_inline_in_the_queue(login, staff, deputy_user, own_mandate, png_bytes):
    rec = _declare(
        own_mandate,
        "voter_contact",
        dt.date(2025, 6, 1),
        "走访",
        deputy_user,
        evidence_file=SimpleUploadedFile("a.png", png_bytes),
    )
    c = login(staff)
    html = c.get(URL).content.decode()
    assert f'src="/work/duties/records/{rec.pk}/evidence/?inline=1"' in html
    resp = c.get(f"/work/duties/records/{rec.pk}/evidence/?inline=1")
    assert resp.status_code == 200 and resp["Content-Type"] == "image/png"
    assert "attachment" not in resp.get("Content-Disposition", "")
    assert "attachment" in c.get(f"/work/duties/records/{rec.pk}/evidence/")["Content-Disposition"]


def test_queue_export_has_the_page_rows_and_names_only_the_filters_applied(
    login, staff, deputy_user, own_mandate, county
):
    """issue 19 "any list downloadable as xlsx with its filters": the queue's rows for its filters; a value
    the page ignored ("已忽略") is not claimed in the title line."""
    _queue(deputy_user, own_mandate, county)
    c = login(staff)
    training = dtype(county, "training")
    params = {"duty_type": str(training.pk)}
    page = shown(c, URL, params)
    rows = exported(c, URL, params, shows={"duty_type": f"{county.short_name or county} · {training.name}"})
    assert sorted(r[4] for r in rows) == sorted(d.title for d in page) == ["参加培训丙", "参加培训甲"]
    r = c.get(URL, {"deputy": "钱", "start": "2025-13-45", "format": "xlsx"})
    title = next(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))[0]
    assert "=钱" in title and "2025-13-45" not in title
