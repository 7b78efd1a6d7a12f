"""Reads of the insight app: routing suggestions, similar items and campaigns, hot topics, reply hints."""

from .hot import hot_topics, hot_topics_shared
from .replies import reply_hints
from .routing import suggest_route
from .similar import campaigns, merge_group, similar_items

__all__ = [
    "campaigns",
    "hot_topics",
    "hot_topics_shared",
    "merge_group",
    "reply_hints",
    "similar_items",
    "suggest_route",
]
