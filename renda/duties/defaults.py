"""Default duty types, points and bands from domain.md §3.3; each body copies them once and edits its own.

Points follow the published examples: each suggestion +3 and each inspection visit or research +3
(Chongqing Jiangbei), four group activities a year worth 10 (Chunfu: 2.5 each, capped), 10 contact
households (+1 each, cap 10), bands ≥ 80 good, 60–79 fairly good, < 60 poor (Yinchuan).
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
