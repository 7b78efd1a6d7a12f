"""Every audit action any app writes has a Chinese name for the audit admin (issue 14; house rule 3), not a
code: the names come from core.audit_labels, the workflow tables and each app's own `audit_labels.py`."""

import re
from pathlib import Path

from renda.core.audit_labels import action_label

RENDA = Path(__file__).resolve().parents[2] / "renda"
LITERAL = re.compile(r'audit\.record\(\s*"([a-z_]+\.[a-z_.]+)"')
EXPORT = re.compile(r'xlsx_export\.respond\([^)]*?action="([a-z_]+\.[a-z_.]+)"', re.S)  # list exports


def written_actions() -> set[str]:
    found: set[str] = set()
    for path in RENDA.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(LITERAL.findall(text)) | set(EXPORT.findall(text))
    return found


def test_every_written_audit_action_has_a_chinese_name():
    actions = written_actions()
    assert len(actions) > 50, "the pattern finds too few actions: it is wrong"
    unnamed = sorted(
        a for a in actions if not re.search(r"[\u4e00-\u9fff]", action_label(a)) or "_" in action_label(a)
    )
    assert not unnamed, unnamed
