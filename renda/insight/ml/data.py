"""The shared third-party data (泰迪杯 2020 C题), read at run time from RENDA_SHARED_DATA; never copied.

The directory defaults to ../shared/data beside the repository. Every loader returns [] when the
directory or the file is absent, so the product and the demo work without it.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
TRAIN = "teddy2020c_fj2_train.csv"
HOT = "teddy2020c_fj3_hot.csv"
REPLIES = "teddy2020c_fj4_replies.csv"
TEXT_COLUMN = "留言内容_分词"
RAW_COLUMN = "raw_text"
LABEL_COLUMN = "一级标签"


def shared_dir() -> Path:
    """RENDA_SHARED_DATA, else ../shared/data beside the repository (../../shared/data for a git worktree
    one level further down, as /work/wt/<name>)."""
    if os.environ.get("RENDA_SHARED_DATA"):
        return Path(os.environ["RENDA_SHARED_DATA"])
    near = REPO.parent / "shared" / "data"
    far = REPO.parent.parent / "shared" / "data"
    return near if near.is_dir() or not far.is_dir() else far


def path(name: str) -> Path:
    return shared_dir() / name


def available(name: str = TRAIN) -> bool:
    return path(name).is_file()


def read_csv(file: str | Path) -> list[dict]:
    p = Path(file)
    if not p.is_absolute() and not p.exists():
        p = path(str(file))
    if not p.is_file():
        return []
    with p.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def labelled(file: str | Path = TRAIN) -> tuple[list[str], list[str]]:
    """(texts, labels) of a file in the training file's columns; the segmented text, else the raw text.

    Also accepts a file with 留言主题/留言详情 (the board's own columns) and 一级标签.
    """
    texts, labels = [], []
    for row in read_csv(file):
        label = (row.get(LABEL_COLUMN) or "").strip()
        body = (
            row.get(TEXT_COLUMN)
            or row.get(RAW_COLUMN)
            or ((row.get("留言主题") or "") + (row.get("留言详情") or ""))
        )
        if label and body and body.strip():
            texts.append(body)
            labels.append(label)
    return texts, labels
