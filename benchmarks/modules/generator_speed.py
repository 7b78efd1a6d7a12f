"""Benchmark: the generator's own rows/s vs a plain bulk load of the same rows (PostgreSQL COPY).

Inside one transaction that is rolled back afterwards (the data set is left as it was): empty the
tables, run every registered generator (ours: Python row building + COPY, with the tables' real
indexes and foreign keys), dump the rows it wrote, empty the tables again and load the dump with
COPY FROM STDIN (baseline). On SQLite both sides use executemany. The generators run at city scale
whatever data set is loaded (≈ 10⁶ rows: a volume, not a fixed cost), three repetitions at most.
Goal: ≥ 0.2 of COPY's rows/s. The province scale is ≈ 10 M rows (5 M duty records, 2 M messages,
200 k deputies with their mandates, accounts and changes, 200 k suggestions with their parts) to write
in < 15 minutes: ≥ 11 k rows/s, about 0.2 of what binary COPY loads into the same tables here.
"""

from __future__ import annotations

import io
import time

from benchmarks.http import median
from benchmarks.registry import SCALES, benchmark

GOAL = 0.2


def _check_constraints(connection) -> None:
    """Run the deferred foreign-key checks now, inside the timing: a commit would pay them too."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _dump(connection, tables: list[str]) -> dict[str, object]:
    qn = connection.ops.quote_name
    dumps: dict[str, object] = {}
    with connection.cursor() as cursor:
        for table in tables:
            if connection.vendor == "postgresql":
                buf = io.BytesIO()
                with cursor.cursor.copy(f"COPY {qn(table)} TO STDOUT (FORMAT binary)") as copy:
                    for chunk in copy:
                        buf.write(chunk)
                dumps[table] = buf.getvalue()
            else:
                cursor.execute(f"SELECT * FROM {qn(table)}")
                dumps[table] = ([c[0] for c in cursor.description], cursor.fetchall())
    return dumps


def _load(connection, dumps: dict[str, object]) -> None:
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, data in dumps.items():
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {qn(table)} FROM STDIN (FORMAT binary)") as copy:
                    copy.write(data)
            else:
                cols, rows = data
                cursor.executemany(
                    f"INSERT INTO {qn(table)} ({', '.join(map(qn, cols))}) "
                    f"VALUES ({', '.join(['%s'] * len(cols))})",
                    rows,
                )


class _Rollback(Exception):
    pass


@benchmark("generator_rows_per_s", better="higher", order=30, title="数据生成器速度")
def generator_speed(ctx):
    from django.db import connection, transaction

    from benchmarks.generate import run_generators, wipe

    # Rows/s is a volume figure (the province budget): always the city scale's rows, whatever data
    # set is loaded, so fixed costs (one password hash, imports) don't decide it; the smoke tests stay tiny.
    scale = ctx.scale if ctx.in_process else SCALES["city"]
    ours_runs, base_runs, total = [], [], 0
    for _ in range(min(ctx.repeat, 3)):  # each repetition writes ≈ 10⁶ rows twice
        try:
            with transaction.atomic():
                wipe(connection)
                started = time.perf_counter()
                db = run_generators(scale)
                _check_constraints(connection)
                ours_runs.append(db.total / (time.perf_counter() - started))
                total = db.total
                dumps = _dump(connection, db.order)
                wipe(connection)
                started = time.perf_counter()
                _load(connection, dumps)
                _check_constraints(connection)
                base_runs.append(db.total / (time.perf_counter() - started))
                raise _Rollback
        except _Rollback:
            pass
    extra = {
        "rows": total,
        "scale": scale.name,
        "tables": len(db.order),
        "baseline": "COPY FROM STDIN (binary)" if connection.vendor == "postgresql" else "executemany",
    }
    return median(ours_runs), median(base_runs), GOAL, "rows/s", extra
