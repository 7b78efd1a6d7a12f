"""`renda backup` / `renda restore`: the database, the attachments and a manifest in one archive (issue 21).

The database is copied online: SQLite's backup API (a consistent copy while the site runs), `pg_dump -Fc`
for PostgreSQL. The manifest holds every table's row count and a checksum of its rows, so a restore
proves itself: after it, the same counts and checksums must be found, or the restore reports the tables
that differ. An archive may be encrypted (RENDA_BACKUP_KEY, Fernet) for storage off the server.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import connection, connections

from renda.core.errors import Refused

FORMAT = 1
ENCRYPTED_SUFFIX = ".enc"


@dataclass
class Table:
    rows: int
    checksum: str


def fingerprint() -> dict[str, dict]:
    """Every table's row count and a SHA-256 over its rows in a fixed order (all columns)."""
    tables: dict[str, dict] = {}
    q = connection.ops.quote_name
    with connection.cursor() as cur:
        for name in sorted(connection.introspection.table_names(cur)):
            cur.execute(f"SELECT * FROM {q(name)}")  # noqa: S608 (names from the database itself)
            rows = sorted(repr(tuple(_plain(v) for v in row)) for row in cur.fetchall())
            digest = hashlib.sha256()
            for row in rows:
                digest.update(row.encode())
                digest.update(b"\n")
            tables[name] = {"rows": len(rows), "checksum": digest.hexdigest()}
    return tables


def _plain(value):
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise Refused("backup_tool_missing", f"找不到 {name}：请安装 postgresql-client（与服务器同一主版本）")
    return path


def _vendor() -> str:
    return connection.vendor  # sqlite | postgresql


def _pg_env_args(alias: str = "default") -> tuple[dict, list[str]]:
    db = connections[alias].settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    args = [
        "-h",
        db.get("HOST") or "127.0.0.1",
        "-p",
        str(db.get("PORT") or 5432),
        "-U",
        db.get("USER") or "postgres",
    ]
    return env, args


def create(out: Path, *, key: str = "") -> Path:
    """Write a backup archive to `out` (a directory or a file name); returns the archive's path."""
    out = Path(out)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    if out.is_dir() or not out.suffix:
        out.mkdir(parents=True, exist_ok=True)
        out = out / f"renda-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now().astimezone().isoformat(),
            "vendor": _vendor(),
            "database": str(connection.settings_dict["NAME"]),
            "tables": fingerprint(),
        }
        if _vendor() == "sqlite":
            connection.ensure_connection()
            dest = sqlite3.connect(tmp / "db.sqlite3")
            with dest:
                connection.connection.backup(dest)
            dest.close()
            db_file = "db.sqlite3"
        elif _vendor() == "postgresql":
            env, args = _pg_env_args()
            db_file = "db.dump"
            subprocess.run(  # noqa: S603
                [
                    _tool("pg_dump"),
                    "-Fc",
                    *args,
                    "-d",
                    connection.settings_dict["NAME"],
                    "-f",
                    str(tmp / db_file),
                ],
                env=env,
                check=True,
                capture_output=True,
            )
        else:
            raise Refused("backup_vendor", f"不支持备份 {_vendor()} 数据库")
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
        buffer = io.BytesIO() if key else None
        with tarfile.open(fileobj=buffer, mode="w:gz") if buffer else tarfile.open(out, "w:gz") as tar:
            tar.add(tmp / "manifest.json", arcname="manifest.json")
            tar.add(tmp / db_file, arcname=db_file)
            media = Path(settings.MEDIA_ROOT)
            if media.exists():
                tar.add(media, arcname="media")
        if buffer is not None:
            out = out.with_name(out.name + ENCRYPTED_SUFFIX)
            out.write_bytes(Fernet(key.encode()).encrypt(buffer.getvalue()))
    out.chmod(0o600)
    _remember(out, manifest)
    return out


def _remember(path: Path, manifest: dict) -> None:
    """The last backup of this database, read by `renda upgrade` before it migrates."""
    marker = Path(settings.VAR_DIR) / "last-backup.json"
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(
        json.dumps(
            {"path": str(path), "created_at": manifest["created_at"], "database": manifest["database"]}
        )
    )


def last_backup() -> dict | None:
    marker = Path(settings.VAR_DIR) / "last-backup.json"
    if not marker.exists():
        return None
    info = json.loads(marker.read_text())
    if info.get("database") != str(connection.settings_dict["NAME"]) or not Path(info["path"]).exists():
        return None
    return info


def _open(path: Path, key: str) -> tarfile.TarFile:
    data = path.read_bytes()
    if path.name.endswith(ENCRYPTED_SUFFIX):
        if not key:
            raise Refused("backup_key_missing", "该备份已加密：请设置 RENDA_BACKUP_KEY 后再恢复")
        try:
            data = Fernet(key.encode()).decrypt(data)
        except (InvalidToken, ValueError) as exc:
            raise Refused("backup_key_wrong", "备份解密失败：RENDA_BACKUP_KEY 与备份时的密钥不一致") from exc
    try:
        return tarfile.open(fileobj=io.BytesIO(data), mode="r:gz")
    except tarfile.TarError as exc:
        raise Refused("backup_unreadable", f"备份文件已损坏或不是 renda 备份：{exc}") from exc


def restore(path: Path, *, key: str = "", force: bool = False) -> dict[str, tuple]:
    """Restore the archive into the configured database and MEDIA_ROOT; returns the tables that differ
    from the manifest afterwards ({} when the restore is exact)."""
    path = Path(path)
    if not path.exists():
        raise Refused("backup_not_found", f"找不到备份文件：{path}")
    with tempfile.TemporaryDirectory() as tmp_name, _open(path, key) as tar:
        tmp = Path(tmp_name)
        tar.extractall(tmp, filter="data")
        manifest = json.loads((tmp / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise Refused("backup_format", "备份格式版本不符")
        if manifest["vendor"] != _vendor():
            raise Refused(
                "backup_vendor_mismatch",
                f"备份来自 {manifest['vendor']} 数据库，当前配置的是 {_vendor()}：请在同类数据库上恢复",
            )
        if not force and _has_data():
            raise Refused("restore_target_not_empty", "目标数据库已有数据：确认覆盖请加 --force")
        if _vendor() == "sqlite":
            _restore_sqlite(tmp / "db.sqlite3")
        else:
            _restore_postgres(tmp / "db.dump")
        media = Path(settings.MEDIA_ROOT)
        if (tmp / "media").exists():
            if media.exists():
                shutil.rmtree(media)
            shutil.copytree(tmp / "media", media)
    found = fingerprint()
    expected = manifest["tables"]
    return {
        name: (expected.get(name), found.get(name))
        for name in sorted(set(expected) | set(found))
        if expected.get(name) != found.get(name)
    }


def _has_data() -> bool:
    with connection.cursor() as cur:
        if "django_migrations" not in connection.introspection.table_names(cur):
            return False
        cur.execute("SELECT COUNT(*) FROM django_migrations")
        return cur.fetchone()[0] > 0


def _restore_sqlite(source: Path) -> None:
    connection.ensure_connection()
    src = sqlite3.connect(source)
    with src:
        src.backup(connection.connection)
    src.close()


def _restore_postgres(dump: Path) -> None:
    env, args = _pg_env_args()
    name = connection.settings_dict["NAME"]
    connection.close()
    result = subprocess.run(  # noqa: S603
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            *args,
            "-d",
            name,
            str(dump),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise Refused("restore_failed", f"pg_restore 失败：{result.stderr.strip()[:500]}")
