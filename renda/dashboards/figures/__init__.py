"""The built-in panels, read through the apps' own selectors and rate modules (no second copy of a rule).

One module per app's panels (suggestions, contact, deputies, supervision, meetings, insight, leader). Each
function takes a `panels.Context` and returns a `panels.figure(...)`: definition, n, the list behind it.
Registered in `register_builtin()` / `register_optional()` (AppConfig.ready). Other apps add theirs the same way.
"""

from .. import panels
from .contact import message_unit_rates, messages_by_category, stations_activity
from .deputies import deputies_by_township, townships_in_scope
from .insight import hot_topics
from .leader import waiting_for_leader
from .meetings import upcoming_meetings
from .suggestions import (
    items_by_unit,
    overdue,
    priority,
    suggestions_by_class,
    suggestions_by_state,
    unit_rankings,
)
from .supervision import supervision_due


def register_builtin() -> None:
    P = panels.Panel
    for p in (
        P("waiting", "领导关注", waiting_for_leader, order=0, cached=False, screen=False, width=12),
        P("suggestions_state", "建议议案办理状态", suggestions_by_state, order=10),
        P("overdue", "超期未办", overdue, order=12),
        P("unit_rankings", "承办单位办理排名（建议）", unit_rankings, order=20, width=12),
        P("suggestions_unit", "各单位承办件数", items_by_unit, order=22),
        P("suggestions_class", "答复类别", suggestions_by_class, order=24),
        P("priority", "重点督办", priority, order=30),
        P("messages", "群众留言类别和趋势", messages_by_category, order=40),
        P("message_rates", "群众留言三率（承办单位）", message_unit_rates, order=42, width=12),
        P("townships", "代表履职（按乡镇）", deputies_by_township, order=50, width=12),
        P("stations", "联络站活跃度", stations_activity, order=60, width=12),
    ):
        panels.register(p)


def register_optional() -> None:
    """Panels that appear once the app behind them exists."""
    import importlib.util

    if importlib.util.find_spec("renda.insight.selectors") is not None:
        panels.register(panels.Panel("hot_topics", "热点话题", hot_topics, order=45))
    if importlib.util.find_spec("renda.supervision.selectors") is not None:
        panels.register(panels.Panel("supervision_due", "监督事项", supervision_due, order=55))
    if importlib.util.find_spec("renda.meetings.selectors") is not None:
        panels.register(panels.Panel("upcoming_meetings", "近期会议", upcoming_meetings, order=65))


__all__ = [
    "deputies_by_township",
    "hot_topics",
    "items_by_unit",
    "message_unit_rates",
    "messages_by_category",
    "overdue",
    "priority",
    "register_builtin",
    "register_optional",
    "stations_activity",
    "suggestions_by_class",
    "suggestions_by_state",
    "supervision_due",
    "townships_in_scope",
    "unit_rankings",
    "upcoming_meetings",
    "waiting_for_leader",
]
