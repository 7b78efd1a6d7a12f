"""Reads shared by the liaison views, API and the duty file, one module per practice."""

from .handbook import handbook, training_history
from .links import coverage, linked_mandates, member_overview
from .stations import station_standing

__all__ = [
    "coverage",
    "handbook",
    "linked_mandates",
    "member_overview",
    "station_standing",
    "training_history",
]
