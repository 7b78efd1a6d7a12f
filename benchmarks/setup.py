"""Environment for a benchmark run: which database and scale, production-like settings, Django set up.

Call `configure()` before importing anything from Django models.
"""

from __future__ import annotations

import os

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/renda_bench"
DEFAULT_SCALE = "city"


def bench_env(base: dict | None = None) -> dict:
    """Settings as in production (DEBUG off, a secret key, HTTPS off on loopback), not the demo."""
    env = dict(os.environ if base is None else base)
    env.setdefault("DATABASE_URL", DEFAULT_URL)
    env.setdefault("SECRET_KEY", "renda-bench-only-" + "k" * 40)
    env.setdefault("RENDA_VAR_DIR", "/tmp/renda-bench")  # noqa: S108  (the agreed bench directory)
    env.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    # The cache as in production: rate limits, used CAPTCHAs and cached policies shared by all workers.
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/2")
    env["DEBUG"] = "0"
    env["RENDA_HTTPS"] = "0"
    env["RENDA_DEMO"] = "0"
    env.pop("RENDA_TESTING", None)
    # Commit durability (one fsync per session save) is the database server's cost and the same on both
    # sides of every ratio; without it the ratios measure the application instead of this machine's disk.
    env.setdefault("PGOPTIONS", "-c synchronous_commit=off")
    env["DJANGO_SETTINGS_MODULE"] = "renda.settings"
    return env


def configure(scale: str | None = None) -> str:
    """Set the environment, check the scale and the database, set Django up. Returns the scale name."""
    from benchmarks.generate import check_scale

    os.environ.update(bench_env())
    name = scale or os.environ.get("BENCH_SCALE") or DEFAULT_SCALE
    check_scale(name)
    check_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.conf import settings

    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    return name


def check_database(url: str) -> None:
    """Fail with a clear message when the server cannot be reached; create the database when only it is missing."""
    import dj_database_url

    from benchmarks.generate import BenchError

    try:
        cfg = dj_database_url.parse(url)
    except (ValueError, KeyError) as exc:
        raise BenchError(f"DATABASE_URL 格式错误：{url}（{exc}）。(malformed DATABASE_URL)") from exc
    if "postgresql" not in cfg["ENGINE"]:
        return  # SQLite: the file is created on first use
    import psycopg

    params = {
        "host": cfg.get("HOST") or "127.0.0.1",
        "port": cfg.get("PORT") or 5432,
        "user": cfg.get("USER") or None,
        "password": cfg.get("PASSWORD") or None,
        "connect_timeout": 5,
    }
    where = f"{params['host']}:{params['port']}"
    try:
        psycopg.connect(dbname=cfg["NAME"], **params).close()
        return
    except psycopg.OperationalError as exc:
        missing = f'database "{cfg["NAME"]}" does not exist' in str(exc)
        if not missing:
            raise BenchError(
                f"无法连接数据库 {where}/{cfg['NAME']}：{' '.join(str(exc).split())}。请确认 PostgreSQL 已启动、"
                f"DATABASE_URL 正确。(cannot reach the database)"
            ) from exc
    try:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
            conn.execute(f'CREATE DATABASE "{cfg["NAME"]}"')
    except psycopg.Error as exc:
        raise BenchError(
            f"数据库 {cfg['NAME']} 不存在，且无法创建：{str(exc).strip()}。"
            f"(database {cfg['NAME']} does not exist and could not be created)"
        ) from exc
    print(f"已创建数据库 {cfg['NAME']}。(created database {cfg['NAME']})")
