"""Changes of mandate as a state table (domain.md §3.1; 代表法 Art. 49–55, Art. 62). No database access.

A mandate is active, suspended (暂停执行代表职务) or ended. Each change kind is allowed from some states
and leads to one; `elected` / `by_election` create the mandate and are not transitions of an existing one.
"""

from dataclasses import dataclass

from renda.core.errors import Refused
from renda.core.roles import Role

from .choices import ChangeKind as K
from .choices import MandateStatus as S


@dataclass(frozen=True)
class Step:
    kind: str
    src: frozenset
    dst: str
    roles: frozenset
    cite: str


STAFF = frozenset({Role.STAFF})
CURRENT = frozenset({S.ACTIVE, S.SUSPENDED})

STEPS: tuple[Step, ...] = (
    Step(K.RESIGNED, CURRENT, S.ENDED, STAFF, "代表法 Art. 49–50: 辞职被接受的，代表资格终止"),
    Step(K.RECALLED, CURRENT, S.ENDED, STAFF, "代表法 Art. 49: 被罢免的，代表资格终止"),
    Step(
        K.TERMINATED,
        CURRENT,
        S.ENDED,
        STAFF,
        "domain.md §3.1: 未经批准两次不出席本级人代会，代表资格终止 (Art. 62)",
    ),
    Step(K.DECEASED, CURRENT, S.ENDED, STAFF, "代表法 Art. 49: 代表死亡的，代表资格终止"),
    Step(K.SUSPENDED, frozenset({S.ACTIVE}), S.SUSPENDED, STAFF, "代表法 Art. 48: 暂停执行代表职务"),
    Step(
        K.RESTORED,
        frozenset({S.SUSPENDED}),
        S.ACTIVE,
        STAFF,
        "代表法 Art. 48: 暂停情形消失后恢复执行代表职务",
    ),
    Step(K.MOVED, CURRENT, S.ACTIVE, STAFF, "选举法: 行政区划或选区调整后重新确定代表所属选区"),
)
_BY_KIND = {s.kind: s for s in STEPS}


def step(kind: str) -> Step | None:
    return _BY_KIND.get(kind)


def require(mandate, kind: str) -> Step:
    """The step for `kind` from the mandate's state, or a refusal saying why not."""
    s = _BY_KIND.get(kind)
    if s is None:
        raise Refused("change_kind_unknown", "未知的代表资格变动类型")
    if mandate.status not in s.src:
        raise Refused(
            "change_not_allowed", f"代表资格当前为“{mandate.get_status_display()}”，不能登记“{K(kind).label}”"
        )
    return s


def allowed(mandate) -> list[Step]:
    return [s for s in STEPS if mandate.status in s.src]


def destination(mandate, kind: str) -> str:
    """Where `kind` leads: a move keeps a suspended mandate suspended."""
    s = require(mandate, kind)
    return mandate.status if kind == K.MOVED else s.dst
