"""The poll's state table (issue 17 "Votes": open, close, announce, re-vote with a reason, under the
chair's control). No database access. Casting a ballot is not a transition: `services.cast` checks
`State.OPEN` itself, under a lock that `close` waits for."""

from renda.core.roles import Role
from renda.core.workflow import Step, Workflow

from .models import State as S

CHAIR = frozenset({Role.STAFF, Role.LEADER})

POLL = Workflow(
    "poll",
    (
        Step(
            "open",
            "开始表决",
            frozenset({S.DRAFT}),
            S.OPEN,
            CHAIR,
            "domain.md §5.3: 表决器当场表决；issue 17: 主持人宣布开始",
        ),
        Step(
            "close",
            "结束表决",
            frozenset({S.OPEN}),
            S.CLOSED,
            CHAIR,
            "domain.md §5.3: 当场计票；issue 17: 表决结束即出结果",
        ),
        Step(
            "announce",
            "宣布结果",
            frozenset({S.CLOSED}),
            S.ANNOUNCED,
            CHAIR,
            "domain.md §5.3: 当场宣布结果",
        ),
        Step(
            "void",
            "宣布本轮无效",
            frozenset({S.DRAFT, S.OPEN, S.CLOSED}),
            S.VOIDED,
            CHAIR,
            "domain.md §1.2; 选举法第四十四条：所投票数多于投票人数的无效；主持人可宣布本轮无效并说明理由",
        ),
        Step(
            "revote",
            "重新表决",
            frozenset({S.CLOSED, S.ANNOUNCED, S.VOIDED}),
            None,
            CHAIR,
            "domain.md §1.2; issue 17: 重新表决须说明理由；选举法第四十五条：另行选举",
        ),
    ),
    states=S,
    initial=frozenset({S.DRAFT}),
    terminal=frozenset({S.ANNOUNCED, S.VOIDED}),
    roles=Role,
    field="state",
    noun="该表决",
)

TABLES = {"poll": POLL}
