"""State table of a meeting with officials (代表约见国家机关负责人, seeds 001). No database access.

A deputy (or a group led by one) asks; the standing committee's staff arrange it with the unit or say why
not; the meeting is held and what was said recorded (it counts as a duty, domain.md §3.1 Art. 8); the
follow-up of what the official promised closes it.
"""

from renda.core.roles import Role
from renda.core.workflow import Step, Workflow

from .choices import MeetingState as M

STAFF = frozenset({Role.STAFF})
DEPUTY = frozenset({Role.DEPUTY})
CITE = "domain.md §3.1 代表法 Art. 8；seeds 001: 代表约见政府部门负责人"

OFFICIAL_MEETING = Workflow(
    "official_meeting",
    (
        Step("arrange", "安排约见", frozenset({M.REQUESTED}), M.ARRANGED, STAFF, CITE),
        Step("decline", "不予安排", frozenset({M.REQUESTED}), M.DECLINED, STAFF, f"{CITE}；须说明理由"),
        Step("withdraw", "撤回", frozenset({M.REQUESTED, M.ARRANGED}), M.WITHDRAWN, DEPUTY, CITE),
        Step("hold", "登记约见情况", frozenset({M.ARRANGED}), M.HELD, STAFF, f"{CITE}；计入代表履职"),
        Step("close", "登记落实情况并办结", frozenset({M.HELD}), M.CLOSED, STAFF, f"{CITE}；跟踪落实"),
    ),
    states=M,
    initial=frozenset({M.REQUESTED}),
    terminal=frozenset({M.CLOSED, M.DECLINED, M.WITHDRAWN}),
    roles=Role,
    noun="该约见",
)

TABLES = {"official_meeting": OFFICIAL_MEETING}
