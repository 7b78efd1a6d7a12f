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
