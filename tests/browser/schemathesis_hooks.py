"""Loaded by schemathesis (SCHEMATHESIS_HOOKS) for test_api_fuzz.py: one work-around for schemathesis 4.32.

Its stateful phase follows links it infers from response fields (`mandate_id` → `/liaison/mandates/{id}/…`).
For a list answer it collects the field from every row; a single null is skipped before the link is
followed, but nulls among several rows are kept, so it sent `/liaison/mandates/None/training` and reported
our 422 as "a schema-valid request rejected" (ST202). A nullable id in a list row is correct API output, so
the nulls are dropped from such matches here, as schemathesis already does for a single one.
"""

from schemathesis.specs.openapi import expressions

_resolve_all = expressions.resolve_pointer_all


def _without_nulls(document, pointer):
    matches = _resolve_all(document, pointer)
    return [m for m in matches if m is not None] if isinstance(matches, list) else matches


expressions.resolve_pointer_all = _without_nulls
