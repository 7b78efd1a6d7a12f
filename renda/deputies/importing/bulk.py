"""Insert new rows in bulk: COPY FROM STDIN on PostgreSQL, `bulk_create` elsewhere.

A 200,000-row roster is ≈ 650 k new rows; COPY writes them several times faster than multi-row INSERTs
(issue 6: an import costs at most 3× a plain bulk insert). Values go through each field's own
`pre_save` and `get_db_prep_save`, as `bulk_create` does: timestamps, the encrypted ID and phone, JSON.
"""

from django.db import DEFAULT_DB_ALIAS, connections, models

BATCH = 1000


def in_size() -> int:
    """Values per `IN (…)` lookup: 500 under SQLite's limit on query parameters; PostgreSQL has none, and
    fewer, bigger lookups save round trips (a 200,000-row re-import made ≈ 2,000 of them)."""
    return 500 if connections[DEFAULT_DB_ALIAS].features.max_query_params else 5000


def insert(model: type[models.Model], objs: list[models.Model]) -> None:
    """Insert unsaved `objs` and set their primary keys (no signals, like `bulk_create`)."""
    if not objs:
        return
    # The connection itself, not the `django.db.connection` proxy: each of the ≈ 5 M field values below
    # would otherwise look it up again through the thread-local proxy.
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objs, batch_size=BATCH)
        return
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    qn = connection.ops.quote_name
    columns = ", ".join(qn(f.column) for f in (meta.pk, *fields))
    with connection.cursor() as cursor:
        # The ids come from the table's own sequence, so later inserts (forms, other imports) never collide.
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objs)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        with cursor.cursor.copy(f"COPY {qn(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for pk, obj in zip(ids, objs, strict=True):
                obj.pk = pk
                copy.write_row((pk, *(f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields)))
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias
