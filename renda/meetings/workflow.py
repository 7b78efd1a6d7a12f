"""The meeting's life cycle (draft → noticed → in session → closed → minutes approved). No database access.

The notice goes out N days before (policy `notice_days`, domain.md §3.1 leave is asked before the meeting);
the meeting opens only with its quorum present (policy, 地方组织法: 全体组成人员过半数出席); the minutes
are drafted after it closes and approved by a leader (the chair's office signs them off).
"""

from renda.core.roles import Role
from renda.core.workflow import Step, Workflow

from .models import State as S

STAFF = frozenset({Role.STAFF})
STAFF_LEADER = frozenset({Role.STAFF, Role.LEADER})

MEETING = Workflow(
    "meeting",
    (
        Step(
            "notice",
            "发出会议通知",
            frozenset({S.DRAFT}),
            S.NOTICED,
            STAFF,
            "domain.md §6 “三会”平台；议事规则：会议举行N日前通知组成人员和列席人员（会议参数“提前通知天数”）",
            clock="notice_days",
        ),
        Step(
            "open",
            "宣布开会",
            frozenset({S.NOTICED}),
            S.IN_SESSION,
            STAFF_LEADER,
            "domain.md §6；地方组织法第十四条第四款（代表大会：三分之二以上代表出席）、第五十一条第三款（常委会：全体组成人员过半数出席）始得举行（会议参数“法定人数”）",
        ),
        Step(
            "close",
            "宣布闭会",
            frozenset({S.IN_SESSION}),
            S.CLOSED,
            STAFF_LEADER,
            "议事规则：议程进行完毕，主持人宣布闭会；未请假缺席计入履职档案（domain.md §3.1）",
        ),
        Step(
            "approve_minutes",
            "审定会议纪要",
            frozenset({S.CLOSED}),
            S.APPROVED,
            frozenset({Role.LEADER}),
            "domain.md §6；议事规则：会议纪要经主持人（主任或副主任）审定后印发",
        ),
        Step(
            "cancel",
            "取消会议",
            frozenset({S.DRAFT, S.NOTICED}),
            S.CANCELLED,
            STAFF,
            "domain.md §6；议事规则：会议日期由主任会议决定，改期或取消应通知全体参会人员",
        ),
    ),
    states=S,
    initial=frozenset({S.DRAFT}),
    terminal=frozenset({S.APPROVED, S.CANCELLED}),
    roles=Role,
    noun="该会议",
    policy="meetings.MeetingPolicy",
)

TABLES = {"meeting": MEETING}
