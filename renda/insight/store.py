"""Model files under RENDA_VAR_DIR/insight/models/, one per version; the active one is cached per process.

A file is written to a temporary name and renamed, so a reader never sees half a model. The process
cache is keyed by the active version, read from the database (one indexed query per suggestion).
"""

from __future__ import annotations

import os
import pickle
import tempfile
import threading
from pathlib import Path

from django.conf import settings

_lock = threading.Lock()
_cache: dict = {"version": None, "router": None}


def model_dir() -> Path:
    d = Path(settings.VAR_DIR) / "insight" / "models"
    d.mkdir(parents=True, exist_ok=True)
    return d


def write(router, version: int) -> str:
    """The file's name carries a random part: two concurrent trainings never write the same file."""
    import secrets

    name = f"router-v{version:04d}-{secrets.token_hex(4)}.pkl"
    fd, tmp = tempfile.mkstemp(dir=model_dir(), suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        pickle.dump(router, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, model_dir() / name)
    return name


def read(name: str):
    # The files are written by this application only (RENDA_VAR_DIR is not user-writable).
    with (model_dir() / name).open("rb") as fh:
        return pickle.load(fh)  # noqa: S301


def remove(name: str) -> None:
    (model_dir() / name).unlink(missing_ok=True)


def prune(keep: set[str]) -> None:
    """Delete model files that no version row keeps (the active one and the one before it stay)."""
    for p in model_dir().glob("router-v*.pkl"):
        if p.name not in keep:
            p.unlink(missing_ok=True)


def active():
    """(version row, router) of the active model, or (None, None) when none has been trained."""
    from .models import ModelVersion

    row = ModelVersion.objects.filter(active=True).only("version", "file").first()
    if row is None:
        return None, None
    with _lock:
        if _cache["version"] != row.version:
            try:
                _cache["router"] = read(row.file)
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
                return row, None
            _cache["version"] = row.version
        return row, _cache["router"]


def forget() -> None:
    with _lock:
        _cache.update(version=None, router=None)
