"""core.xlsx_export (issue 19 "any list downloadable as xlsx with its filters"): all rows or a refusal, the
filters in the title, numbers masked as on screen, audited, named after the list and the date."""

import io
from urllib.parse import quote

import pytest
from django.test import RequestFactory, override_settings
from django.utils import timezone
from openpyxl import load_workbook

from renda.core import xlsx_export
from renda.core.errors import Refused
from renda.core.models import AuditEntry
from renda.core.xlsx_export import Column

pytestmark = pytest.mark.django_db


class Row:
    def __init__(self, name, phone, id_number):
        self.name, self.phone, self.id_number = name, phone, id_number

    def get_kind_display(self):
        return "建议"


COLUMNS = [
    Column("姓名", "name"),
    Column("类别", "get_kind_display"),
    Column("电话", "phone", mask="phone"),
    Column("身份证号", "id_number", mask="id"),
]


def _rows(data: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))


def test_all_rows_masked_with_the_filters_in_the_title(staff):
    request = RequestFactory().get("/x", {"state": "handling", "q": "道路", "page": "3", "format": "xlsx"})
    request.user = staff
    rows = [Row(f"代表{i}", "13800001234", "110101199001011234") for i in range(2500)]
    r = xlsx_export.respond(request, "建议议案", rows, COLUMNS, action="suggestions.export")
    got = _rows(r.content)
    assert got[0][0].startswith("建议议案（") and "共 2500 行" in got[0][0]
    assert "状态=handling" in got[0][0] and "关键词=道路" in got[0][0] and "page" not in got[0][0]
    assert got[1] == ("姓名", "类别", "电话", "身份证号")
    assert len(got) == 2 + 2500  # every row, past any page size
    assert got[2] == ("代表0", "建议", "138****1234", "1101**********1234")
    assert quote(f"建议议案-{timezone.localdate():%Y%m%d}.xlsx") in r["Content-Disposition"]
    assert AuditEntry.objects.filter(action="suggestions.export", actor=staff).count() == 1


@override_settings(RENDA_EXPORT_MAX_ROWS=10)
def test_past_the_cap_it_refuses_in_chinese_and_writes_nothing(staff):
    request = RequestFactory().get("/x", {"format": "xlsx"})
    request.user = staff
    with pytest.raises(Refused) as exc:
        xlsx_export.respond(request, "社情民意", [Row("a", "", "")] * 11, COLUMNS, action="contact.export")
    assert (
        exc.value.code == "export_too_large"
        and "上限 10 行" in exc.value.message
        and "共 11 行" in exc.value.message
    )
    assert not AuditEntry.objects.filter(action="contact.export").exists()


def test_no_filters_says_so(staff):
    request = RequestFactory().get("/x", {"format": "xlsx"})
    request.user = staff
    data, n, used = xlsx_export.build(request, "名册", [], COLUMNS)
    assert n == 0 and used == [] and "筛选：无（全部）" in _rows(data)[0][0]


def test_the_title_shows_filter_values_as_the_filter_form_labels_them(staff, county, unit):
    """`状态=办理中`, not `state=handling`: from the view's choices, the filter form (a model choice only
    within the form's own, scoped queryset), or the list model's field choices; anything else as typed."""
    from django import forms

    from renda.core.models import Unit
    from renda.suggestions.models import Suggestion
    from tests.factories.core import BodyFactory, UnitFactory

    far = UnitFactory(name="别县财政局", body=BodyFactory(name="别县人民代表大会"))

    class Filter(forms.Form):
        due = forms.ChoiceField(
            label="期限", choices=[("", "全部"), ("soon", "即将到期"), ("overdue", "已超期")]
        )
        unit = forms.ModelChoiceField(label="承办单位", queryset=Unit.objects.filter(body=county))
        sort = forms.ChoiceField(label="排序方式", choices=[("new", "最新")])

    request = RequestFactory().get(
        "/x",
        {
            "state": "open",
            "kind": "suggestion",
            "due": "overdue",
            "unit": unit.pk,
            "sort": "new",
            "q": "道路",
        },
    )
    request.user = staff
    used = dict(
        xlsx_export.filters_used(
            request, choices={"state": [("open", "在办（全部）")]}, form=Filter(), model=Suggestion
        )
    )
    assert used == {
        "状态": "在办（全部）",  # the view's own choice
        "类型": dict(Suggestion._meta.get_field("kind").flatchoices)["suggestion"],  # the model's choices
        "期限": "已超期",  # the form's choice
        "承办单位": unit.name,  # the form's scoped queryset
        "排序方式": "最新",  # the form's label names a key LABELS does not know
        "关键词": "道路",  # free text as typed
    }

    outside = RequestFactory().get("/x", {"unit": far.pk, "state": "nonsense"})
    assert dict(xlsx_export.filters_used(outside, form=Filter(), model=Suggestion)) == {
        "承办单位": str(far.pk),  # another county's unit is not named
        "状态": "nonsense",
    }


def test_the_export_title_uses_the_model_choices_of_a_queryset(staff, county):
    from renda.duties.choices import Review
    from renda.duties.models import DutyRecord

    request = RequestFactory().get("/x", {"status": Review.APPROVED, "format": "xlsx"})
    request.user = staff
    data, _, _ = xlsx_export.build(request, "履职记录", DutyRecord.objects.none(), [Column("事项", "title")])
    assert (
        f"状态={Review.APPROVED.label}" in _rows(data)[0][0]
        and Review.APPROVED.value not in _rows(data)[0][0]
    )
