"""The bulk path every generator writes through: PostgreSQL COPY (psycopg 3 `cursor.copy()`), SQLite executemany.

Generators allocate their own primary keys (`db.ids`) so rows can point at each other without reading
back; `finish()` moves the sequences past them afterwards.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import islice

from django.db import models

BATCH = 5_000


class Writer:
    def __init__(self, connection) -> None:
        self.connection = connection
        self.vendor = connection.vendor
        self.state: dict = {}  # what later generators need (bodies, users …), kept in memory
        self.rows: Counter = Counter()  # rows written per table
        self.order: list[str] = []  # tables in the order first written (parents before children)
        self.seconds = 0.0
        self._next: dict[str, int] = {}
        self._writing = False

    @property
    def postgres(self) -> bool:
        return self.vendor == "postgresql"

    def ids(self, model: type[models.Model], n: int) -> range:
        """`n` fresh primary keys for `model`, after the largest one already in the table."""
        table = model._meta.db_table
        if table not in self._next:
            if self._writing:  # a query now would wait for the COPY, which waits for this row: a deadlock
                raise RuntimeError(
                    f"db.ids({model.__name__}) inside a write(): allocate the ids before writing"
                )
            with self.connection.cursor() as cursor:
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {self._qn(table)}")
                self._next[table] = cursor.fetchone()[0] + 1
        start = self._next[table]
        self._next[table] = start + n
        return range(start, start + n)

    def write(
        self, model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence], *, big: bool = False
    ) -> int:
        """Write `rows` (tuples in the order of `fields`, field names or attnames) into `model`'s table.

        `rows` may be a generator (millions of rows), but it must not touch the database: on PostgreSQL the
        COPY holds the connection until the last row (call `ids()` before, not inside it)."""
        started = time.perf_counter()
        meta = model._meta
        table = meta.db_table
        resolved = [
            meta.get_field(f.removesuffix("_id"))
            if f.endswith("_id") and not _has(meta, f)
            else meta.get_field(f)
            for f in fields
        ]
        columns = ", ".join(self._qn(f.column) for f in resolved)
        prep = self._preparers(resolved)
        if prep:
            rows = (tuple(p(v) if p else v for p, v in zip(prep, row, strict=True)) for row in rows)
        n = 0
        rebuild = self._drop_indexes(table) if big and self.postgres else []
        self._writing = True
        with self.connection.cursor() as cursor:
            if self.postgres:
                with cursor.cursor.copy(f"COPY {self._qn(table)} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                        n += 1
            else:
                sql = (
                    f"INSERT INTO {self._qn(table)} ({columns}) VALUES ({', '.join(['%s'] * len(resolved))})"
                )
                it = iter(rows)
                while batch := list(islice(it, BATCH)):
                    cursor.executemany(sql, batch)
                    n += len(batch)
        self._writing = False
        if rebuild:
            with self.connection.cursor() as cursor:
                _fire_deferred_checks(cursor)  # CREATE INDEX refuses a table with pending trigger events
                for sql in rebuild:
                    cursor.execute(sql)
        if table not in self.rows:
            self.order.append(table)
        self.rows[table] += n
        self.seconds += time.perf_counter() - started
        return n

    def finish(self) -> None:
        """Move each written table's id sequence past the ids the generators chose (PostgreSQL)."""
        if not self.postgres:
            return
        with self.connection.cursor() as cursor:
            for table in self.order:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence(%s, 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) "
                    f"FROM {self._qn(table)}",
                    [table],
                )

    def _drop_indexes(self, table: str) -> list[str]:
        """Drop `table`'s secondary indexes (not those behind a constraint) and return the statements that
        build them again: one sort per index after millions of rows beats updating it row by row."""
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
                "AND i.tablename = %s AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
                "WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)",
                [table],
            )
            found = cursor.fetchall()
            if found:
                _fire_deferred_checks(cursor)
            for name, _sql in found:
                cursor.execute(f"DROP INDEX {self._qn(name)}")
        return [sql for _name, sql in found]

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    def _preparers(self, fields) -> list:
        """Fields whose Python value is not what the database stores (encrypted, JSON; dates on SQLite)."""
        out, needed = [], False
        for f in fields:
            custom = not type(f).__module__.startswith("django.db.models")
            dated = not self.postgres and isinstance(
                f, models.DateField | models.TimeField | models.DecimalField
            )
            if custom or dated or isinstance(f, models.JSONField):
                out.append(lambda v, f=f: f.get_db_prep_save(v, self.connection))
                needed = True
            else:
                out.append(None)
        return out if needed else []

    def _qn(self, name: str) -> str:
        return self.connection.ops.quote_name(name)


def _fire_deferred_checks(cursor) -> None:
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _has(meta, name: str) -> bool:
    try:
        meta.get_field(name)
    except Exception:
        return False
    return True
