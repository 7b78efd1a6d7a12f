"""The dashboard's panels: a registry any app adds to from its `AppConfig.ready`.

    from renda.dashboards import panels

    panels.register(panels.Panel("meetings", "近期会议", compute=my_figure, order=70))

`compute(ctx)` gets a `Context` (the viewer, the body whose figures these are, the period) and returns a
JSON-serialisable `dict` (a figure, see `figure()`) or None to hide the panel. Cached panels (the default)
are computed once per data scope and period and kept in Django's cache (`aggregates.py`), refreshed by the
periodic task `dashboards_refresh`; a panel that must be live for each viewer (what waits for *this*
leader) says `cached=False`. Every figure carries its definition, its n and a link to the list behind it
(issue 19: no bare percentages).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from renda.core.roles import Role

READERS = frozenset({Role.STAFF, Role.LEADER})


@dataclass(frozen=True)
class Context:
    user: object
    body: object  # the congress whose rates are shown (the first deputy body in scope)
    year: int
    start: date
    end: date
    on: date
    memo: dict = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )  # shared reads per request

    def once(self, key: str, make: Callable):
        """`make()` computed once for this context (two panels reading the same unit rates query once)."""
        if key not in self.memo:
            self.memo[key] = make()
        return self.memo[key]

    @property
    def scope_key(self) -> str:
        """Users with the same role and body see the same figures: the cache is shared by them."""
        return f"{self.user.role}:{self.user.body_id or 0}"


@dataclass(frozen=True)
class Panel:
    key: str
    title: str
    compute: Callable[[Context], dict | None]
    order: int = 50
    roles: frozenset = READERS
    cached: bool = True
    screen: bool = True  # also on the big screen (read-only, no personal data)
    width: int = 6  # Bootstrap columns on the dashboard (12 = full width)


_PANELS: dict[str, Panel] = {}


def register(panel: Panel) -> Panel:
    """Add (or replace, by key) a panel. Call from `AppConfig.ready`; safe to call twice."""
    _PANELS[panel.key] = panel
    return panel


def unregister(key: str) -> None:
    _PANELS.pop(key, None)


def for_user(user) -> list[Panel]:
    return sorted((p for p in _PANELS.values() if user.role in p.roles), key=lambda p: (p.order, p.key))


def all_panels() -> list[Panel]:
    return sorted(_PANELS.values(), key=lambda p: (p.order, p.key))


def row(label: str, value, *, url: str = "", note: str = "", n=None, tone: str = "") -> dict:
    """One line of a figure: a label, its number, the list behind it."""
    return {"label": label, "value": value, "url": url, "note": note, "n": n, "tone": tone}


def figure(
    *,
    definition: str,
    n: int,
    url: str = "",
    rows: list[dict] | None = None,
    chart: dict | None = None,
    kind: str = "list",
    unit: str = "件",
    **more,
) -> dict:
    """A panel's body: `definition` (formula, window), `n` (how many records the figure counts), `url` (the
    list behind the whole figure), `rows` (each with its own url), an optional `chart` for ECharts
    (`{"type": "bar"|"pie"|"line", "labels": [...], "series": [{"name", "data"}]}`) and a display `kind`
    (list | ranking | tiles)."""
    return {
        "definition": definition,
        "n": n,
        "url": url,
        "rows": rows or [],
        "chart": chart,
        "kind": kind,
        "unit": unit,
        **more,
    }


@dataclass
class Rendered:
    panel: Panel
    data: dict | None
    computed_at: str = ""
    extra: dict = field(default_factory=dict)
