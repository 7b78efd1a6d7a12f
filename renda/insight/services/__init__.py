"""Writes of the insight app: training and rollback, routing verdicts, merges (并案)."""

from .feedback import record_verdict
from .merging import merge, unmerge
from .training import retrain, rollback, training_set

__all__ = ["merge", "record_verdict", "retrain", "rollback", "training_set", "unmerge"]
