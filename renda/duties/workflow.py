"""State tables: self-declaration review (申报审核制) and leave requests (请假). No database access.

Self-declaration plus review: Jingmen Dongbao (domain.md §3.3). Leave: written, before the activity, to
the approver the activity calls for (domain.md §3.1; Zhejiang Art. 46, Shandong Art. 7, Beijing Art. 7).
"""

from dataclasses import dataclass
from datetime import date

from renda.core.models import Level
from renda.core.roles import Role
from renda.core.workflow import Step, Workflow

from .choices import LeaveStatus as L
from .choices import Review as R

STAFF = frozenset({Role.STAFF})
DEPUTY = frozenset({Role.DEPUTY})

DECLARATION = Workflow(
    "declaration",
    (
        Step(
            "approve", "确认", frozenset({R.PENDING}), R.APPROVED, STAFF, "domain.md §3.3 Dongbao: 申报审核制"
        ),
        Step(
            "reject",
            "退回",
            frozenset({R.PENDING}),
            R.REJECTED,
            STAFF,
            "domain.md §3.3 Dongbao: 申报审核制，退回须说明理由",
        ),
        Step(
            "resubmit",
            "补充后重新申报",
            frozenset({R.REJECTED}),
            R.PENDING,
            DEPUTY,
            "domain.md §3.3: 代表补充佐证后重新申报",
        ),
    ),
    states=R,
    initial=frozenset({R.PENDING}),
    terminal=frozenset({R.APPROVED}),
    roles=Role,
    noun="该申报",
)

LEAVE = Workflow(
    "leave",
    (
        Step(
            "approve", "批准", frozenset({L.PENDING}), L.APPROVED, STAFF, "domain.md §3.1: 书面请假，经批准"
        ),
        Step("refuse", "不批准", frozenset({L.PENDING}), L.REFUSED, STAFF, "domain.md §3.1"),
        Step("withdraw", "撤回", frozenset({L.PENDING}), L.WITHDRAWN, DEPUTY, "domain.md §3.1"),
    ),
    states=L,
    initial=frozenset({L.PENDING}),
    terminal=frozenset({L.APPROVED, L.REFUSED, L.WITHDRAWN}),
    roles=Role,
    noun="该请假申请",
)

TABLES = {"declaration": DECLARATION, "leave": LEAVE}


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
