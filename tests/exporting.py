"""Shared checks for the list exports (core.xlsx_export): the rows of a list page and of its xlsx."""

import io

from openpyxl import load_workbook


def exported(client, url: str, params: dict | None = None, shows: dict | None = None) -> list[tuple]:
    """The data rows of the list's export (the title line with the filters and the header row left out).
    The title line must show each filter's value — or, for a choice, the label in `shows` ({"status": "已通过"})
    as the page's filter form shows it, never the code."""
    r = client.get(url, {**(params or {}), "format": "xlsx"})
    assert r.status_code == 200, r.content[:400]
    assert r["Content-Type"].startswith("application/vnd.openxmlformats"), r["Content-Type"]
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    for key, value in (params or {}).items():
        label = (shows or {}).get(key, value)
        assert f"={label}" in rows[0][0], (key, rows[0][0])  # the filters used, in the title line
        if label != value:
            assert f"={value}" not in rows[0][0], (key, rows[0][0])  # the label, not the code
    return rows[2:]


def shown(
    client, url: str, params: dict | None = None, key: str = "page", button: str = 'data-export href="?'
) -> list:
    """Every object the page lists for these filters (all its pages)."""
    r = client.get(url, params or {})
    assert r.status_code == 200
    got = r.context[key]
    assert button in r.content.decode() and "导出 Excel" in r.content.decode(), (
        "the page has no 导出 Excel button"
    )
    return list(got.paginator.object_list) if hasattr(got, "paginator") else list(got)
