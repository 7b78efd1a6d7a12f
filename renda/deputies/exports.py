"""xlsx export of the registry (openpyxl write-only, so a province roster streams in constant memory).

ID-card and phone numbers are masked: an export leaves the system, so it carries no full personal numbers
(domain.md §7.2, PIPL Art. 51 least privilege)."""

from renda.core import xlsx
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
    return xlsx.write(
        (_registry_row(m) for m in mandates.iterator(chunk_size=2000)), sheet=title, header=COLUMNS
    )


def _registry_row(m) -> list:
    p = m.person
    return [
        p.name,
        p.get_gender_display(),
        p.ethnicity,
        p.birth_iso,  # as far as known: 1967-03-08, 1967-03 or 1967
        p.party_label,
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


def composition_xlsx(figures: dict, sections: list[tuple[str, str]], *, title: str) -> bytes:
    """The composition tables (构成统计) as one sheet: a block per figure, count and share."""
    rows = [
        ["代表人数", figures["total"], "代表资格数", figures["seats"]],
        ["妇女代表", figures["women"], f"{figures['women_share']}%"],
        ["少数民族代表", figures["minority"], f"{figures['minority_share']}%"],
        ["连任代表", figures["re_elected"]],
    ]
    for key, label in sections:
        rows += [[], [label, "人数", "占比"]]
        rows += [[row["label"], row["count"], f"{row['share']}%"] for row in figures[key]]
    return xlsx.write(rows, sheet="代表构成", title=title)
