"""Default duty types, points and bands; each body copies them once and edits its own.

Some values follow a published local scheme of domain.md §3.3 (none is national law: 代表法 sets no points):
each suggestion +3 and each inspection visit or research +3, half a day's leave from the session −1 (Chongqing
Jiangbei), four group activities a year worth 10 (Chunfu: 2.5 each, capped at 10), one practical project 5
(Chunfu), bands ≥ 80 good, 60–79 fairly good, < 60 poor (Yinchuan), the "五个一" minimums (Xiangzhou). Every
other value is the project's own default, marked so on the rules page (`SOURCES`, `basis`).
"""

from decimal import Decimal as D

from .choices import Category as C

# code, name, category, points, yearly cap, is a congress session, deputies may declare it
TYPES: tuple[tuple[str, str, str, D, D | None, bool, bool], ...] = (
    ("congress_session", "出席本级人民代表大会会议", C.MEETING, D(20), None, True, False),
    ("sc_meeting", "列席常委会（主席团）会议", C.MEETING, D(5), D(15), False, False),
    ("speech", "会议发言、审议意见", C.MEETING, D(2), D(10), False, True),
    ("inspection", "视察", C.INSPECTION, D(3), D(15), False, True),
    ("research", "专题调研", C.INSPECTION, D(3), D(15), False, True),
    ("law_enforcement", "执法检查", C.INSPECTION, D(3), D(15), False, True),
    ("training", "学习培训", C.TRAINING, D(5), D(10), False, True),
    ("group_activity", "代表小组活动", C.GROUP, D("2.5"), D(10), False, True),
    ("reception_day", "进站接待选民", C.VOTERS, D(5), D(10), False, True),
    ("voter_contact", "联系选民、走访联系户", C.VOTERS, D(1), D(10), False, True),
    ("suggestion", "提出建议、批评和意见", C.SUGGESTION, D(3), D(15), False, False),
    ("motion", "领衔提出议案", C.SUGGESTION, D(5), D(10), False, False),
    ("report_to_voters", "向选民述职", C.VOTERS, D(10), D(10), False, False),
    ("practical_project", "为民办实事", C.VOTERS, D(5), D(10), False, True),
    ("publicity", "宣传报道文章", C.OTHER, D(2), D(6), False, True),
    # liaison app (issue 20): recorded by its services through record_automatic, never declared.
    ("official_meeting", "约见国家机关负责人", C.INSPECTION, D(3), D(9), False, False),
    ("member_contact", "与常委会组成人员联系交流", C.OTHER, D(1), D(5), False, False),
)

# label, min score, max score (exclusive), poor — Yinchuan 履职评价办法.
BANDS = (("好", D(80), None, False), ("较好", D(60), D(80), False), ("较差", D(0), D(60), True))

# Xiangzhou "五个一": one supervision activity, one suggestion, one voter visit, one report, one article.
REQUIREMENTS = (
    ("一次监督活动", ["inspection", "research", "law_enforcement"], 1),
    ("一条建议", ["suggestion", "motion"], 1),
    ("一次走访选民", ["voter_contact", "reception_day"], 1),
    ("一次向选民述职", ["report_to_voters"], 1),
    ("一篇宣传文章", ["publicity"], 1),
)

# Where a default value comes from: a published local scheme (domain.md §3.3), never national law. A key that is
# not here is the project's own default. Type keys are codes; rule keys are the RuleSet field names.
SOURCES: dict[str, str] = {
    "suggestion": "参考重庆江北区积分办法：每件建议 +3 分",
    "inspection": "参考重庆江北区积分办法：常委会视察、调研每次 +3 分",
    "research": "参考重庆江北区积分办法：常委会视察、调研每次 +3 分",
    "group_activity": "参考四川春富乡：每年 4 次小组活动计 10 分（每次 2.5 分，上限 10 分）",
    "practical_project": "参考四川春富乡：至少办一件实事计 5 分（上限为本系统默认值）",
    "leave_points": "参考重庆江北区积分办法：人代会请假半天 −1 分",
    "bands": "参考宁夏银川市履职评价办法：80 分以上好，60–79 分较好，60 分以下较差",
    "requirements": "参考湖北襄阳襄州区“五个一”年度最低要求",
}
PROJECT_DEFAULT = "无法规或公开制度依据，请按本地规定修改"


def basis(key: str, value, default) -> tuple[str, str]:
    """(kind, text) for a value on the rules page: `source` for a default taken from a published scheme,
    `project` for the project's own default, `own` once the body has changed it."""
    if value != default:
        return "own", "本机关设定"
    if key in SOURCES:
        return "source", SOURCES[key]
    return "project", PROJECT_DEFAULT
