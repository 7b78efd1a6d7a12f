"""Name search keys: full pinyin ("zhangwei") and initials ("zw"), so staff can type either."""

from functools import lru_cache

from pypinyin import Style, lazy_pinyin

# Surnames read differently from the character's common reading (曾 zeng, not ceng).
SURNAMES = {
    "曾": ("zeng",),
    "单": ("shan",),
    "解": ("xie",),
    "仇": ("qiu",),
    "查": ("zha",),
    "区": ("ou",),
    "朴": ("piao",),
    "覃": ("qin",),
    "缪": ("miao",),
    "乐": ("yue",),
    "盖": ("ge",),
    "翟": ("zhai",),
    "召": ("shao",),
    "秘": ("bi",),
    "隗": ("wei",),
    "种": ("chong",),
    "员": ("yun",),
    "句": ("gou",),
    "繁": ("po",),
    "黑": ("he",),
    "万俟": ("mo", "qi"),
}


@lru_cache(maxsize=65536)
def keys(name: str) -> tuple[str, str]:
    name = name or ""
    head: list[str] = []
    for surname in (name[:2], name[:1]):
        if surname in SURNAMES and len(name) > len(surname):
            head = list(SURNAMES[surname])
            name = name[len(surname) :]
            break
    syllables = head + [s for s in lazy_pinyin(name, style=Style.NORMAL, errors="ignore") if s.strip()]
    full = "".join(syllables).lower()
    initials = "".join(s[0] for s in syllables).lower()
    return full[:120], initials[:20]
