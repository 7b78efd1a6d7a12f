"""xlsx export of the registry (openpyxl write-only, so a province roster streams in constant memory).

ID-card and phone numbers are masked: an export leaves the system, so it carries no full personal numbers
(domain.md §7.2, PIPL Art. 51 least privilege)."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from renda.core.templatetags.renda import mask_id, mask_phone

COLUMNS = (
    "姓名",
    "性别",
    "民族",
    "出生日期",
    "政治面貌",
    "学历",
    "职业",
    "代表构成类别",
    "工作单位及职务",
    "层级",
    "所属人大",
    "届次",
    "选区",
    "代表团",
    "代表小组",
    "代表证号",
    "状态",
    "任职起始",
    "任职终止",
    "连任",
    "身份证号（脱敏）",
    "手机（脱敏）",
)


def registry_xlsx(mandates, *, title: str = "代表名册") -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    bold = Font(bold=True)
    header = []
    for name in COLUMNS:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    for m in mandates.iterator(chunk_size=2000):
        p = m.person
        ws.append(
            [
                p.name,
                p.get_gender_display(),
                p.ethnicity,
                p.birth_date,
                p.get_party_display(),
                p.get_education_display(),
                p.occupation,
                p.get_occupation_category_display(),
                p.work_unit,
                m.get_level_display(),
                str(m.body),
                str(m.term),
                m.constituency.name if m.constituency_id else "",
                m.delegation.name if m.delegation_id else "",
                m.group.name if m.group_id else "",
                m.card_number,
                m.get_status_display(),
                m.start_date,
                m.end_date,
                "是" if m.re_elected else "否",
                mask_id(p.id_number),
                mask_phone(p.phone),
            ]
        )
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def composition_xlsx(figures: dict, sections: list[tuple[str, str]], *, title: str) -> bytes:
    """The composition tables (构成统计) as one sheet: a block per figure, count and share."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("代表构成")
    ws.append([title])
    ws.append(["代表人数", figures["total"], "代表资格数", figures["seats"]])
    ws.append(["妇女代表", figures["women"], f"{figures['women_share']}%"])
    ws.append(["少数民族代表", figures["minority"], f"{figures['minority_share']}%"])
    ws.append(["连任代表", figures["re_elected"]])
    for key, label in sections:
        ws.append([])
        ws.append([label, "人数", "占比"])
        for row in figures[key]:
            ws.append([row["label"], row["count"], f"{row['share']}%"])
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
