"""Changes of mandate as a state table (domain.md §3.1; 代表法 Art. 49–55, Art. 62). No database access.

A mandate is active, suspended (暂停执行代表职务) or ended. Each change kind is allowed from some states
and leads to one; `elected` / `by_election` create the mandate and are not transitions of an existing one.
Staff take every step (services.changes checks their body first); `None` is an import or the demo.
"""

from renda.core.roles import Role
from renda.core.workflow import SYSTEM, Step, Workflow

from .choices import ChangeKind as K
from .choices import MandateStatus as S

MANAGERS = frozenset({Role.STAFF, SYSTEM})
CURRENT = frozenset({S.ACTIVE, S.SUSPENDED})

STEPS: tuple[Step, ...] = (
    Step(
        K.RESIGNED,
        K.RESIGNED.label,
        CURRENT,
        S.ENDED,
        MANAGERS,
        "§3.1 代表法 Art. 49–50: 辞职被接受的，代表资格终止",
    ),
    Step(
        K.RECALLED,
        K.RECALLED.label,
        CURRENT,
        S.ENDED,
        MANAGERS,
        "§3.1 代表法 Art. 49: 被罢免的，代表资格终止",
    ),
    Step(
        K.TERMINATED,
        K.TERMINATED.label,
        CURRENT,
        S.ENDED,
        MANAGERS,
        "§3.1: 未经批准两次不出席本级人代会，代表资格终止 (Art. 62)",
    ),
    Step(
        K.DECEASED,
        K.DECEASED.label,
        CURRENT,
        S.ENDED,
        MANAGERS,
        "§3.1 代表法 Art. 49: 代表死亡的，代表资格终止",
    ),
    Step(
        K.SUSPENDED,
        K.SUSPENDED.label,
        frozenset({S.ACTIVE}),
        S.SUSPENDED,
        MANAGERS,
        "§3.1 代表法 Art. 48: 暂停执行代表职务",
    ),
    Step(
        K.RESTORED,
        K.RESTORED.label,
        frozenset({S.SUSPENDED}),
        S.ACTIVE,
        MANAGERS,
        "§3.1 代表法 Art. 48: 暂停情形消失后恢复执行代表职务",
    ),
    # A move keeps the state: a suspended mandate stays suspended.
    Step(
        K.MOVED,
        K.MOVED.label,
        CURRENT,
        None,
        MANAGERS,
        "§3.1 选举法: 行政区划或选区调整后重新确定代表所属选区",
    ),
)
MANDATE = Workflow(
    "mandate",
    STEPS,
    states=S,
    initial=frozenset({S.ACTIVE}),
    terminal=frozenset({S.ENDED}),
    roles=Role,
    field="status",
    noun="代表资格",
)
step, require, allowed = MANDATE.step, MANDATE.require, MANDATE.allowed


def destination(mandate, kind: str, by) -> str:
    """Where `kind` leads from the mandate's state (a move keeps it), or a refusal saying why not."""
    return require(mandate, kind, by).dst or mandate.status
