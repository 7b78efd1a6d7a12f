"""Reply-quality hints for a draft reply: what the published evaluations of replies check (问题3 of the
2020 contest, wave2-references (f)): relevance to the message, completeness, readability, timeliness.

Hints, not a grade: each says what it measured and why it is flagged, so a unit head can judge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .. import text as T

ACTION_WORDS = (
    "已",
    "将",
    "正在",
    "安排",
    "责成",
    "督促",
    "整改",
    "落实",
    "处理",
    "解决",
    "完成",
    "计划",
    "协调",
)
EXPLAIN_WORDS = ("根据", "依据", "按照", "规定", "政策", "条例", "办法", "法")
CONTACT = re.compile(r"(联系电话|电话|联系人|咨询)")
DATE = re.compile(r"(\d{4}\s*年|\d{1,2}\s*月|\d{1,2}\s*日|月底|年底|近期|本周|下周)")
SENTENCE = re.compile(r"[。！？!?；;\n]+")


@dataclass
class Hint:
    axis: str  # 相关性 / 完整性 / 可读性 / 及时性
    ok: bool
    text: str
    figure: str = ""


def _overlap(message: str, reply: str) -> tuple[float, list[str], list[str]]:
    m = [t for t in T.tokens(message) if len(t) > 1]
    r = set(T.tokens(reply))
    if not m:
        return 1.0, [], []
    freq: dict = {}
    for t in m:
        freq[t] = freq.get(t, 0) + 1
    key = [t for t, _ in sorted(freq.items(), key=lambda kv: (-kv[1], -len(kv[0])))[:10]]
    covered = [t for t in key if t in r or t in reply]
    missing = [t for t in key if t not in covered]
    return len(covered) / len(key), covered, missing


def reply_hints(
    message: str,
    reply: str,
    *,
    asked_on: date | None = None,
    replied_on: date | None = None,
    due: date | None = None,
) -> list[Hint]:
    reply = reply or ""
    hints = []
    if T.signal(reply) < 10:
        return [Hint("完整性", False, "答复内容太短，无法评估", f"{len(reply.strip())} 字")]
    share, _covered, missing = _overlap(message, reply)
    hints.append(
        Hint(
            "相关性",
            share >= 0.4,
            "答复回应了留言的主要问题"
            if share >= 0.4
            else f"答复较少提及留言中的关键词：{'、'.join(missing[:5])}",
            f"关键词覆盖 {share:.0%}",
        )
    )
    acts = [w for w in ACTION_WORDS if w in reply]
    has_date = bool(DATE.search(reply))
    has_contact = bool(CONTACT.search(reply))
    lacking = [
        n
        for n, ok in (("办理措施或结果", bool(acts)), ("时间安排", has_date), ("联系方式", has_contact))
        if not ok
    ]
    hints.append(
        Hint(
            "完整性",
            not lacking,
            "包含办理措施、时间安排和联系方式" if not lacking else f"缺少：{'、'.join(lacking)}",
            f"{len(reply.strip())} 字",
        )
    )
    sentences = [s for s in SENTENCE.split(reply) if s.strip()]
    avg = sum(len(s) for s in sentences) / max(1, len(sentences))
    explains = any(w in reply for w in EXPLAIN_WORDS)
    hints.append(
        Hint(
            "可读性",
            avg <= 60 and explains,
            ("句子长度适中" if avg <= 60 else "句子偏长，建议拆分")
            + ("，说明了依据" if explains else "，未说明政策或法规依据"),
            f"平均句长 {avg:.0f} 字",
        )
    )
    if asked_on and (replied_on or due):
        day = replied_on or date.today()
        days = (day - asked_on).days
        late = bool(due and day > due)
        hints.append(Hint("及时性", not late, "已超过答复期限" if late else "在答复期限内", f"{days} 天"))
    return hints
