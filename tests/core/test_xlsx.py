"""The one xlsx writer and the download response every export uses."""

from io import BytesIO
from urllib.parse import quote

from openpyxl import load_workbook

from renda.core import downloads, xlsx


def _read(data: bytes):
    return load_workbook(BytesIO(data))


def test_a_sheet_is_title_header_rows_then_notes():
    data = xlsx.write(
        [["县住建局", 3], ["县交通局", 1]],
        sheet="排名",
        title="2026年排名",
        header=["单位", "件数"],
        notes=["说明"],
    )
    ws = _read(data)["排名"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0][0] == "2026年排名" and rows[1] == ["单位", "件数"]
    assert rows[2] == ["县住建局", 3] and rows[3] == ["县交通局", 1]
    assert rows[-1][0] == "说明" and all(v is None for v in rows[-2])
    assert ws.cell(2, 1).font.bold and not ws.cell(3, 1).font.bold


def test_rows_may_be_a_generator_and_sheets_keep_their_order():
    data = xlsx.workbook(
        xlsx.Sheet("名册", header=["姓名"], rows=([n] for n in ("张伟", "张伟"))),
        xlsx.Sheet("说明", rows=[["x"]]),
    )
    wb = _read(data)
    assert wb.sheetnames == ["名册", "说明"]
    assert [c.value for c in wb["名册"]["A"]] == ["姓名", "张伟", "张伟"]  # same-name rows both kept


def test_a_sheet_name_over_excels_limit_is_cut_to_31_characters():
    wb = _read(xlsx.write([], sheet="很" * 40))
    assert wb.sheetnames == ["很" * 31]


def test_download_keeps_a_chinese_file_name_and_sets_the_type():
    response = downloads.attachment(b"x", "赵代表履职档案.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert f"filename*=UTF-8''{quote('赵代表履职档案.pdf')}" in response["Content-Disposition"]
    assert downloads.attachment(b"x", "ranking-2026.xlsx")["Content-Type"].endswith("spreadsheetml.sheet")
