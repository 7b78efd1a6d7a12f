"""Writes of the supervision app, one module per sub-domain (house-style: services split by responsibility)."""

from . import (
    appraisal,
    budget,
    budget_import,
    cases,
    create,
    followups,
    hearing,
    livelihood,
    matters,
    opinions,
    other,
    plan,
    votes,
)

__all__ = [
    "appraisal",
    "budget",
    "budget_import",
    "cases",
    "create",
    "followups",
    "hearing",
    "livelihood",
    "matters",
    "opinions",
    "other",
    "plan",
    "votes",
]
