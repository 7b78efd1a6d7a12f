"""Receivers of other modules' signals (crossapp contract): each calls `record_automatic` once per mandate.

The signals are sent after the source's commit, so a refusal here (a date outside a mandate) must not
break the sender's request: it is logged and audited instead.
"""

import logging

from renda.core import audit
from renda.core.errors import Refused

from .records import record_automatic

log = logging.getLogger(__name__)


def _record_each(mandates, *, code: str, on, source, title: str) -> None:
    for mandate in mandates:
        try:
            record_automatic(mandate, duty_type_code=code, on=on, source=source, title=title)
        except Refused as exc:
            log.warning("duty record skipped for mandate %s: %s", mandate.pk, exc.code)
            audit.record_refusal(exc, action="duty.record_automatic")


def on_suggestion_accepted(sender, *, suggestion, mandates, on, **kwargs) -> None:
    title = getattr(suggestion, "title", "") or str(suggestion)
    _record_each(mandates, code="suggestion", on=on, source=suggestion, title=f"建议：{title}")


def on_reception_served(sender, *, reception, mandates, on, **kwargs) -> None:
    _record_each(mandates, code="reception_day", on=on, source=reception, title=f"进站接待选民：{reception}")
