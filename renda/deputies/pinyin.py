"""Name search keys: full pinyin ("zhangwei") and initials ("zw"), so staff can type either."""

from functools import lru_cache

from pypinyin import Style, lazy_pinyin


@lru_cache(maxsize=65536)
def keys(name: str) -> tuple[str, str]:
    syllables = [s for s in lazy_pinyin(name or "", style=Style.NORMAL, errors="ignore") if s.strip()]
    full = "".join(syllables).lower()
    initials = "".join(s[0] for s in syllables).lower()
    return full[:120], initials[:20]
