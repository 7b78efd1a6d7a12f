"""Re-encrypt every encrypted field with the current key and cipher, in batches, resumable (issue 21).

A batch is one transaction; the last primary key done per column is kept in VAR_DIR/key-rotation.json,
so a run stopped half-way (a deploy window closing, a crash) goes on from there. Values already under
the current key are skipped, so running it twice changes nothing.
"""

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction

from renda.core import crypto

BATCH = 500


@dataclass
class Column:
    label: str  # app_label.Model.field
    table: str
    pk: str
    column: str


def encrypted_columns() -> Iterator[Column]:
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, crypto.EncryptedCharField):
                yield Column(
                    f"{model._meta.label}.{field.name}",
                    model._meta.db_table,
                    model._meta.pk.column,
                    field.column,
                )


def _checkpoint_path() -> Path:
    return Path(settings.VAR_DIR) / "key-rotation.json"


def rotate(*, batch: int = BATCH, progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Re-encrypt what is not under the current key; returns the number of values rewritten per column."""
    path = _checkpoint_path()
    done: dict[str, int] = json.loads(path.read_text()) if path.exists() else {}
    rewritten: dict[str, int] = {}
    q = connection.ops.quote_name
    for col in encrypted_columns():
        rewritten[col.label] = 0
        last = done.get(col.label, 0)
        while True:
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute(
                    f"SELECT {q(col.pk)}, {q(col.column)} FROM {q(col.table)} "  # noqa: S608 (names from the models)
                    f"WHERE {q(col.pk)} > %s ORDER BY {q(col.pk)} LIMIT %s",
                    [last, batch],
                )
                rows = cur.fetchall()
                if not rows:
                    break
                changes = []
                for pk, token in rows:
                    if token and not crypto.is_current(token):
                        plain = crypto.decrypt(token)
                        if plain:  # a value no configured key can read is left alone (and reported)
                            changes.append((crypto.encrypt(plain), pk))
                if changes:
                    cur.executemany(
                        f"UPDATE {q(col.table)} SET {q(col.column)} = %s WHERE {q(col.pk)} = %s",  # noqa: S608
                        changes,
                    )
                last = rows[-1][0]
                rewritten[col.label] += len(changes)
            done[col.label] = last
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(done))
            if progress:
                progress(col.label, rewritten[col.label])
    path.unlink(missing_ok=True)  # finished: the next rotation starts from the beginning
    return rewritten


def unreadable() -> dict[str, int]:
    """Values no configured key can decrypt, per column (should be all zeros before retiring old keys)."""
    counts: dict[str, int] = {}
    q = connection.ops.quote_name
    for col in encrypted_columns():
        with connection.cursor() as cur:
            cur.execute(f"SELECT {q(col.column)} FROM {q(col.table)} WHERE {q(col.column)} <> ''")  # noqa: S608
            counts[col.label] = sum(1 for (token,) in cur.fetchall() if not crypto.decrypt(token))
    return counts
