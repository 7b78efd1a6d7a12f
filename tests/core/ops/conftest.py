"""A separate renda process on its own database (SQLite in a temp dir, or a fresh PostgreSQL database when the
suite runs on PostgreSQL), for commands that must see committed data: serve, backup, restore, upgrade."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
KEY = "cmVuZGEtdGVzdC1maWVsZC1rZXktMzItYnl0ZXMhISE="  # 32 bytes, urlsafe base64


class Site:
    """One installation: a var directory, a database, the environment its commands run with."""

    def __init__(self, var: Path, database_url: str = ""):
        self.var = var
        self.env = {
            k: v
            for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "RENDA_DEMO", "DEBUG", "RENDA_TESTING", "DJANGO_SETTINGS_MODULE"}
        }
        self.env.update(
            RENDA_VAR_DIR=str(var),
            SECRET_KEY="ops-test-secret-" + "s" * 40,
            FIELD_ENCRYPTION_KEY=KEY,
            ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
            RENDA_HTTPS="0",
            RENDA_ALLOW_SQLITE="1",
            HUEY_IMMEDIATE="1",
        )
        if database_url:
            self.env["DATABASE_URL"] = database_url

    def run(self, *args, check=True, timeout=180, **env) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"{args} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def py(self, code: str, **env) -> str:
        return self.run("shell", "-c", code, **env).stdout


def _pg() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


@pytest.fixture
def new_site(tmp_path):
    """A factory of empty installations on the suite's kind of database; PostgreSQL databases are dropped."""
    made: list[str] = []

    def make(name: str = "a") -> Site:
        var = tmp_path / name
        var.mkdir()
        if not _pg():
            return Site(var)
        db = f"renda_ops_{uuid.uuid4().hex[:10]}"
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"CREATE DATABASE {db}"], check=True
        )
        made.append(db)
        return Site(var, f"postgres://postgres@127.0.0.1:5432/{db}")

    yield make
    for db in made:
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"DROP DATABASE IF EXISTS {db}"], check=False
        )
