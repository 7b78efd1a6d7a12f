"""The demo installation the browser tests serve and the worker-kill drill seeds from: a migrated var
directory with the demo county, built once per code version under `$RENDA_VAR_DIR/browser-demo` (CI's
SQLite run builds it; its PostgreSQL run and `make drills` find it ready)."""

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _fingerprint() -> str:
    """What the demo installation is made from: the code (models, migrations, demo steps), the pinned
    packages and the shared data the demo trains on. Templates and static files do not change its rows."""
    h = hashlib.sha256()
    for path in sorted((ROOT / "renda").rglob("*.py")):
        h.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    h.update((ROOT / "requirements.lock").read_bytes())
    shared = Path(os.environ.get("RENDA_SHARED_DATA", ROOT.parent / "shared" / "data"))
    for path in sorted(shared.glob("*.csv")) if shared.is_dir() else []:
        h.update(f"{path.name}:{path.stat().st_size}".encode())
    return h.hexdigest()[:16]


def build_env() -> dict:
    """The environment the installation is built (and the browser server run) with: the demo on SQLite."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    env.update({"RENDA_DEMO": "1", "RENDA_TESTING": "1", "PYTHONUNBUFFERED": "1"})
    return env


def demo_installation() -> Path:
    """A migrated var directory with the demo county, built once per code version and copied for each test
    session (~2–3 minutes on this machine; CI's SQLite and PostgreSQL runs share it through RENDA_VAR_DIR,
    the browser server always runs on SQLite). Built under a lock, in a temporary directory, then renamed,
    so a second worker or an interrupted build never sees half of one."""
    cache = Path(os.environ.get("RENDA_VAR_DIR") or ROOT / "var") / "browser-demo"
    cache.mkdir(parents=True, exist_ok=True)
    ready = cache / _fingerprint()
    with open(cache / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not ready.is_dir():
            for old in cache.iterdir():  # earlier code versions
                if old.is_dir():
                    shutil.rmtree(old, ignore_errors=True)
            building = Path(tempfile.mkdtemp(prefix="building-", dir=cache))
            build = {**build_env(), "RENDA_VAR_DIR": str(building)}
            manage = [sys.executable, "manage.py"]
            subprocess.run(
                [*manage, "migrate", "--no-input", "-v0"], cwd=ROOT, env=build, check=True, timeout=600
            )
            subprocess.run(
                [*manage, "demo"], cwd=ROOT, env=build, check=True, timeout=600, capture_output=True
            )
            building.rename(ready)
    return ready
