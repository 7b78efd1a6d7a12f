"""Every audit action the liaison services write has a Chinese name (issue 14: the audit admin reads Chinese)."""

import re
from pathlib import Path

from renda.liaison.audit_labels import LABELS

APP = Path(__file__).resolve().parents[2] / "renda" / "liaison"


def test_every_liaison_audit_action_is_named():
    written = set()
    for path in APP.rglob("*.py"):
        written |= set(
            re.findall(r'audit\.record\(\s*"(liaison\.[a-z_]+)"', path.read_text(encoding="utf-8"))
        )
    assert written, "no audit actions found: the pattern is wrong"
    assert written <= set(LABELS), sorted(written - set(LABELS))
