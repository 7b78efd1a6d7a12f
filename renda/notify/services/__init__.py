"""Notifications (docs/notify.md): `notify()` for every module, the apps' `send`/`send_many` inbox calls,
the dispatcher, digests, templates and preferences."""

from .digest import queue_digests
from .dispatch import backoff, check, claim, cleanup, dispatch, recover, retry, run
from .inbox import mark_read, send, send_many
from .outbox import Address, Sent, default_channels, notify, policy_for, quiet_until
from .settings import save_policy, save_preferences, save_template
from .voters import announce, deputies, voter

__all__ = [
    "Address",
    "Sent",
    "announce",
    "backoff",
    "check",
    "claim",
    "cleanup",
    "default_channels",
    "deputies",
    "dispatch",
    "mark_read",
    "notify",
    "policy_for",
    "queue_digests",
    "quiet_until",
    "recover",
    "retry",
    "run",
    "save_policy",
    "save_preferences",
    "save_template",
    "send",
    "send_many",
    "voter",
]
