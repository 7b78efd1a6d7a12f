"""Small query helpers every app may use."""

from django.db.models import QuerySet


def one_or_none(qs: QuerySet):
    """The row of a lookup by a unique key, or None: `LIMIT 1` without the `ORDER BY` that `first()` adds.

    Compiling a model's default ordering through its joins cost more than the indexed read itself (the voter's
    status page spent 29 % of its CPU there; docs/performance.md Findings 11)."""
    return next(iter(qs.order_by()[:1]), None)
