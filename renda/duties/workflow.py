"""State tables: self-declaration review (申报审核制) and leave requests (请假). No database access.

Self-declaration plus review: Jingmen Dongbao (domain.md §3.3). Leave: written, before the activity, to
the approver the activity calls for (domain.md §3.1; Zhejiang Art. 46, Shandong Art. 7, Beijing Art. 7).
"""

from dataclasses import dataclass
from datetime import date

from renda.core.errors import Refused
from renda.core.models import Level
from renda.core.roles import Role

from .choices import LeaveStatus as L
from .choices import Review as R


@dataclass(frozen=True)
class Step:
    action: str
    src: frozenset
    dst: str
    roles: frozenset
    label: str
    cite: str


STAFF = frozenset({Role.STAFF})
DEPUTY = frozenset({Role.DEPUTY})

DECLARATION: tuple[Step, ...] = (
    Step("approve", frozenset({R.PENDING}), R.APPROVED, STAFF, "确认", "domain.md §3.3 Dongbao: 申报审核制"),
    Step(
        "reject",
        frozenset({R.PENDING}),
        R.REJECTED,
        STAFF,
        "退回",
        "domain.md §3.3 Dongbao: 申报审核制，退回须说明理由",
    ),
    Step(
        "resubmit",
        frozenset({R.REJECTED}),
        R.PENDING,
        DEPUTY,
        "补充后重新申报",
        "domain.md §3.3: 代表补充佐证后重新申报",
    ),
)

LEAVE: tuple[Step, ...] = (
    Step("approve", frozenset({L.PENDING}), L.APPROVED, STAFF, "批准", "domain.md §3.1: 书面请假，经批准"),
    Step("refuse", frozenset({L.PENDING}), L.REFUSED, STAFF, "不批准", "domain.md §3.1"),
    Step("withdraw", frozenset({L.PENDING}), L.WITHDRAWN, DEPUTY, "撤回", "domain.md §3.1"),
)

TABLES = {"declaration": DECLARATION, "leave": LEAVE}


def require(table: str, state: str, action: str, user) -> Step:
    for step in TABLES[table]:
        if step.action == action:
            if state not in step.src:
                raise Refused(f"{table}_{action}_not_allowed", f"当前状态下不能{step.label}")
            if getattr(user, "role", None) not in step.roles:
                from renda.core.errors import NotPermitted

                raise NotPermitted("role_not_allowed", f"当前角色无权{step.label}")
            return step
    raise Refused("unknown_action", "未知操作")


def allowed(table: str, state: str, user) -> list[Step]:
    return [s for s in TABLES[table] if state in s.src and getattr(user, "role", None) in s.roles]


@dataclass(frozen=True)
class Approver:
    label: str
    cite: str


def leave_approver(
    *, is_session: bool, level: str, convener: str, start: date, end: date, on: date
) -> Approver:
    """Who approves a leave request (domain.md §3.1).

    A congress session: before it, the standing committee's chairperson's council (at township level the
    presidium); during it, the delegation head. Any other activity: whoever convened it.
    """
    if is_session:
        if on < start:
            if level == Level.TOWNSHIP:
                return Approver("乡镇人大主席团", "domain.md §3.1: 会前书面向主席团请假（浙江 Art. 46）")
            return Approver("常委会主任会议", "domain.md §3.1: 会前书面向常委会主任会议请假（浙江 Art. 46）")
        return Approver("代表团团长", "domain.md §3.1: 会议期间向代表团团长请假")
    return Approver(convener or "活动召集人", "domain.md §3.1: 闭会期间活动向召集人请假（浙江 Art. 46）")
