"""Fill a database with synthetic data at a scale: `python -m benchmarks.generate --scale city [--force]`
(also `renda bench-data`). Deterministic (seeded), bulk (COPY / executemany), and it refuses to touch a
database that holds data it did not generate unless `--force` is given.
"""

from __future__ import annotations

import json
import random
import sys
import time
from dataclasses import dataclass

SEED = 20261125
META_TABLE = "renda_bench_meta"
# Rows migrations put in an empty database: they don't make it "not empty".
SEEDED = {"core.CalendarDay", "voting.Rule"}  # rows written by migrations (voting: the counting rules)


class BenchError(Exception):
    """A clear refusal: unknown scale, unreachable or foreign database. Printed without a traceback."""


@dataclass
class Generated:
    scale: str
    seed: int
    rows: dict
    seconds: float
    reused: bool = False

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def check_scale(name: str, *, allow_tiny: bool = False):
    from benchmarks.registry import PUBLIC_SCALES, SCALES

    if name not in SCALES or (name == "tiny" and not allow_tiny):
        raise BenchError(
            f"未知的规模“{name}”，可选：{'、'.join(PUBLIC_SCALES)}。"
            f" (unknown scale {name!r}; choose one of: {', '.join(PUBLIC_SCALES)})"
        )
    return SCALES[name]


def read_meta(connection) -> dict | None:
    with connection.cursor() as cursor:
        if META_TABLE not in connection.introspection.table_names(cursor):
            return None
        cursor.execute(f"SELECT value FROM {META_TABLE} WHERE key = 'generated'")
        row = cursor.fetchone()
    return json.loads(row[0]) if row else None


def write_meta(connection, meta: dict | None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key varchar(40) PRIMARY KEY, value text NOT NULL)"
        )
        cursor.execute(f"DELETE FROM {META_TABLE} WHERE key = 'generated'")
        if meta is not None:
            cursor.execute(
                f"INSERT INTO {META_TABLE} (key, value) VALUES ('generated', %s)", [json.dumps(meta)]
            )


def data_models():
    """Every renda table plus sessions and second-factor devices: what "empty" and a wipe look at."""
    from django.apps import apps

    out = []
    for model in apps.get_models():
        label = model._meta.label
        if label in SEEDED or not model._meta.managed or model._meta.proxy:
            continue
        if model.__module__.startswith("renda.") or model._meta.app_label in {"sessions", "otp_totp", "axes"}:
            out.append(model)
    return out


def non_empty_tables(connection) -> list[str]:
    return [m._meta.db_table for m in data_models() if m._default_manager.using(connection.alias).exists()]


def wipe(connection) -> None:
    """Empty every data table (not the seeded calendar), resetting sequences."""
    from django.core.management.color import no_style

    tables = [m._meta.db_table for m in data_models()]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Rows written earlier in this transaction have deferred foreign-key checks pending; TRUNCATE
            # refuses to run until they have fired.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute(
                "TRUNCATE "
                + ", ".join(connection.ops.quote_name(t) for t in tables)
                + " RESTART IDENTITY CASCADE"
            )
        else:
            for sql in connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=True):
                cursor.execute(sql)


def generators_signature() -> str:
    """Which generators, in which version: a new app's generator or an edited one means regenerating."""
    import hashlib
    import inspect

    from benchmarks import registry

    digest = hashlib.sha256()
    for gen in registry.generators():
        digest.update(gen.name.encode())
        digest.update(inspect.getsource(inspect.getmodule(gen.fill)).encode())
    return digest.hexdigest()[:16]


def _trust_generated_rows(connection) -> None:
    """Skip the per-row foreign-key triggers for this transaction when allowed (superuser): checking 10⁷
    rows at commit takes minutes, and the generators' references are checked by the smoke tests, which
    run the same code at the tiny scale with every constraint on."""
    from django.db import DatabaseError, transaction

    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError:
        pass  # not a superuser: the checks run at commit


def run_generators(scale, *, seed: int = SEED, connection=None, out=None):
    """Run every registered generator in order, each with its own seeded rng. Returns the writer."""
    from django.db import connection as default

    from benchmarks import registry
    from benchmarks.bulk import Writer

    db = Writer(connection or default)
    for gen in registry.generators():
        started, before = time.perf_counter(), db.total
        gen.fill(scale, random.Random(f"{seed}:{gen.name}"), db)
        if out:
            out(f"  · {gen.name}: {db.total - before:,} 行，{time.perf_counter() - started:.1f} 秒")
    db.finish()
    return db


def ensure(
    scale_name: str,
    *,
    force: bool = False,
    seed: int = SEED,
    out=print,
    allow_tiny: bool = False,
    migrate: bool = True,
) -> Generated:
    """Make the database hold our data at `scale_name`: reuse it, regenerate our own, or refuse foreign data."""
    from django.core.management import call_command
    from django.db import connection, transaction

    scale = check_scale(scale_name, allow_tiny=allow_tiny)
    if migrate:
        call_command("migrate", verbosity=0, interactive=False)
    meta = read_meta(connection)
    signature = generators_signature()
    if (
        meta
        and (meta.get("scale"), meta.get("seed"), meta.get("signature")) == (scale.name, seed, signature)
        and not force
    ):
        out(
            f"沿用已生成的 {scale.label} 规模数据（{sum(meta['rows'].values()):,} 行）。(reusing {scale.name} data)"
        )
        return Generated(scale.name, seed, meta["rows"], meta["seconds"], reused=True)
    busy = non_empty_tables(connection)
    if busy and not meta and not force:
        raise BenchError(
            f"数据库不是空的（{'、'.join(busy[:5])}{' 等' if len(busy) > 5 else ''} 表中已有数据），且不是基准数据；"
            "为避免覆盖真实数据，已停止。确认可以清空时请加 --force。"
            f" (the database is not empty and was not generated by the benchmarks; nothing was changed —"
            f" add --force to wipe it)"
        )
    out(f"生成 {scale.label} 规模数据 (generating {scale.name} data, seed {seed}) …")
    started = time.perf_counter()
    with transaction.atomic():
        if busy:
            wipe(connection)
        write_meta(connection, None)
        if scale.name != "tiny":
            _trust_generated_rows(connection)
        db = run_generators(scale, seed=seed, out=out)
        seconds = time.perf_counter() - started
        write_meta(
            connection,
            {
                "scale": scale.name,
                "seed": seed,
                "signature": signature,
                "rows": dict(db.rows),
                "seconds": seconds,
            },
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    seconds = time.perf_counter() - started
    out(f"完成：{db.total:,} 行，{seconds:.1f} 秒（{db.total / max(seconds, 1e-9):,.0f} 行/秒）。")
    return Generated(scale.name, seed, dict(db.rows), seconds)


def main(argv: list[str] | None = None) -> int:
    import argparse

    from benchmarks import setup

    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__)
    parser.add_argument("--scale", default=None, help="county | city | province (默认 BENCH_SCALE 或 city)")
    parser.add_argument(
        "--force", action="store_true", help="清空非基准数据后重新生成 (wipe a foreign database)"
    )
    args = parser.parse_args(argv)
    try:
        scale = setup.configure(args.scale)
        ensure(scale, force=args.force)
    except BenchError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    from benchmarks.generate import main as _main  # the module's own BenchError, not __main__'s

    sys.exit(_main())
