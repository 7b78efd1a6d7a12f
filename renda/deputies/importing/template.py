"""The downloadable import template: the columns, one example row, and the allowed values of this congress."""

from renda.core import xlsx
from renda.core.models import Body

from ..choices import ETHNICITIES, Education, OccupationCategory, Party
from ..models import Constituency, Delegation, DeputyGroup, ProfessionalGroup, Term
from .columns import COLUMNS


def template_xlsx(body: Body | None) -> bytes:
    lists = [
        ("民族", list(ETHNICITIES)),
        ("政治面貌", [label for _, label in Party.choices]),
        ("学历", [label for _, label in Education.choices]),
        ("代表构成类别", [label for _, label in OccupationCategory.choices]),
    ]
    if body is not None:
        lists += [
            ("届次", [str(t.number) for t in Term.objects.filter(body=body)]),
            ("选区", list(Constituency.objects.filter(body=body).values_list("name", flat=True))),
            (
                "代表团",
                list(Delegation.objects.filter(body=body, closed=False).values_list("name", flat=True)),
            ),
            (
                "代表小组",
                list(DeputyGroup.objects.filter(body=body, closed=False).values_list("name", flat=True)),
            ),
            ("专业小组", list(ProfessionalGroup.objects.filter(body=body).values_list("name", flat=True))),
        ]
    roster = xlsx.Sheet(
        "代表名册",
        header=[f"{label}*" if required else label for _k, label, required, _ex in COLUMNS],
        rows=[[ex for *_rest, ex in COLUMNS]],
        widths=dict.fromkeys(range(1, len(COLUMNS) + 1), 16),
        freeze_header=True,
    )
    help_rows = [
        ["第2行是示例，导入前请删除。带 * 的列必填。系统先校验整个文件，逐行报告问题，确认后才写入。"],
        [
            "身份证号、手机号码加密保存；重复导入同一文件只会更新，不会重复建人。没有身份证号时按代表团（选区）"
            "+姓名、再按姓名+出生日期识别，无法确定的行由工作人员在校验结果页确认。"
        ],
        ["出生日期可只填年月（1967-03、1967年3月）或年份（1967）；政治面貌不填即“未填”，填“无”按群众导入。"],
        ["当选方式填“当选”或“补选”；当选日期最早可在届首前 183 天，补选日期须在任期内。"],
        [],
        *([f"{title}可填：", *values[:200]] for title, values in lists),
    ]
    return xlsx.workbook(roster, xlsx.Sheet("填写说明", rows=help_rows))
