"""The one workflow engine: a state table of `Step`s and the two questions every app asks of it.

Each app's `workflow.py` holds only its table (a `Workflow` of `Step`s, house-style.md "Workflow tables")
and, where needed, how a user's part in an item is worked out (`role_of`). No database access here.

- `require(item, action, by)` returns the step, or raises one family of refusals:
  `action_unknown`, `transition_not_allowed` (the item's state, 409), `role_not_allowed` (who, 403).
- `allowed(item, by)` lists the steps open to `by` now (buttons and the API; the service checks more).

`by` is a user, `None` (no user: a periodic task, an import), or one of the two actor kinds below.
tests/core/test_workflow_tables.py walks every table.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .errors import NotPermitted, Refused

# Actor kinds beside the users' roles.
SYSTEM = "system"  # a periodic task or an import, no user: the deadline scan, the daily close
PUBLIC = "public"  # someone on the public page without an account (a voter holding a tracking code)


@dataclass(frozen=True)
class Step:
    """One row: from the states in `src` to `dst`, taken by `roles`, following the rule `cite`.

    `dst` None: the state stays, or the service chooses one of `alt`. `clock` names the field of the app's
    policy model whose period this step starts. `public`: also taken on the public page by someone without
    an account. `follows`: taken only by the service of that other step (never offered as a button).
    """

    action: str
    label: str
    src: frozenset
    dst: str | None
    roles: frozenset
    cite: str
    clock: str = ""
    alt: tuple = ()
    public: bool = False
    follows: str = ""

    @property
    def destinations(self) -> tuple:
        return (self.dst,) if self.dst else self.alt


def user_role(item, by) -> str | None:
    """The default part `by` plays: the deadline scan without a user, a visitor without an account, or
    the user's role."""
    if by is None or by == SYSTEM:
        return SYSTEM
    if by == PUBLIC or not getattr(by, "is_authenticated", True):
        return PUBLIC
    return getattr(by, "role", None)


class Workflow:
    """A state table: `states` (TextChoices) read from `item.<field>`, starting in `initial`, ending in
    `terminal`; `roles` is the TextChoices the steps' roles come from, `policy` the "app.Model" whose
    fields the clocks name; `noun` names the item in refusals ("该件当前状态为…")."""

    def __init__(
        self,
        name: str,
        steps: tuple[Step, ...],
        *,
        states,
        initial: frozenset,
        terminal: frozenset = frozenset(),
        roles,
        field: str = "status",
        noun: str = "该件",
        policy: str = "",
        role_of: Callable = user_role,
    ) -> None:
        self.name, self.steps, self.states, self.roles = name, steps, states, roles
        self.initial, self.terminal = frozenset(initial), frozenset(terminal)
        self.field, self.noun, self.policy, self.role_of = field, noun, policy, role_of
        self.by_action = {s.action: s for s in steps}
        if len(self.by_action) != len(steps):
            raise ValueError(f"workflow {name}: two steps share an action")

    def __repr__(self) -> str:
        return f"<Workflow {self.name}>"

    def step(self, action: str) -> Step:
        return self.by_action[action]

    def state_of(self, item) -> str:
        return getattr(item, self.field)

    def state_label(self, state: str) -> str:
        return self.states(state).label

    def require(self, item, action: str, by) -> Step:
        """The step for `action` from the item's state and `by`'s part in it, or a refusal saying why not."""
        s = self.by_action.get(action)
        if s is None:
            raise Refused("action_unknown", "未知的操作")
        role = self.role_of(item, by)  # may refuse first: no part in this item at all
        state = self.state_of(item)
        if state not in s.src:
            raise Refused(
                "transition_not_allowed",
                f"{self.noun}当前状态为“{self.state_label(state)}”，不能“{s.label}”",
            )
        if not _takes(s, role):
            if role == SYSTEM:
                raise NotPermitted("role_not_allowed", f"“{s.label}”须由用户操作")
            if role == PUBLIC:
                raise NotPermitted("role_not_allowed", f"“{s.label}”须登录后操作")
            raise NotPermitted("role_not_allowed", f"当前角色无权执行此操作：{s.label}")
        return s

    def allowed(self, item, by) -> list[Step]:
        """Steps open to `by` from the item's state, in table order; none if `by` has no part in it."""
        try:
            role = self.role_of(item, by)
        except NotPermitted:
            return []
        state = self.state_of(item)
        return [s for s in self.steps if state in s.src and not s.follows and _takes(s, role)]


def _takes(s: Step, role) -> bool:
    return role in s.roles or (role == PUBLIC and s.public)
