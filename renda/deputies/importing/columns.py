"""The import template's columns and the messy-value normalisation (each change is reported)."""

import re
import unicodedata
from datetime import date, datetime
from functools import lru_cache

from ..choices import ETHNICITIES, Education, Gender, OccupationCategory, Party

# (key, header in the template, required, example)
COLUMNS = (
    ("name", "姓名", True, "张伟"),
    ("gender", "性别", True, "男"),
    ("ethnicity", "民族", True, "汉族"),
    ("birth_date", "出生日期", False, "1975-03-08"),
    ("id_number", "身份证号", False, "36092519750308001X"),
    ("party", "政治面貌", False, "中共党员"),
    ("education", "学历", False, "大学本科"),
    ("occupation", "职业", False, "教师"),
    ("category", "代表构成类别", False, "专业技术人员"),
    ("work_unit", "工作单位及职务", False, "青山县第一中学教师"),
    ("phone", "手机", False, "13800001111"),
    ("term", "届次", True, "18"),
    ("constituency", "选区", False, "城关镇第1选区"),
    ("electing_body", "选举单位", False, ""),
    ("delegation", "代表团", False, "城关镇代表团"),
    ("group", "代表小组", False, "县人大代表城关镇小组"),
    ("professional_groups", "专业小组", False, "法制专业小组、财政经济专业小组"),
    ("card_number", "代表证号", False, "QS18-0001"),
    ("start_date", "当选日期", True, "2021-10-20"),
    ("re_elected", "连任", False, "否"),
    ("election_kind", "当选方式", False, "当选"),
)
KEYS = tuple(c[0] for c in COLUMNS)
HEADER_TO_KEY = (
    {c[1]: c[0] for c in COLUMNS}
    | {c[0]: c[0] for c in COLUMNS}
    | {
        "名字": "name",
        "出生年月": "birth_date",
        "身份证": "id_number",
        "身份证号码": "id_number",
        "党派": "party",
        "手机号": "phone",
        "手机号码": "phone",
        "联系电话": "phone",
        "工作单位": "work_unit",
        "单位及职务": "work_unit",
        "届别": "term",
        "所在选区": "constituency",
        "原选举单位": "electing_body",
        "代表证编号": "card_number",
        "任职日期": "start_date",
        "是否连任": "re_elected",
        "文化程度": "education",
        "构成": "category",
        "选举方式": "election_kind",
        "当选类型": "election_kind",
        "是否补选": "election_kind",
    }
)
REQUIRED = tuple(c[0] for c in COLUMNS if c[2])
LABEL = {c[0]: c[1] for c in COLUMNS}

PARTY_ALIASES = {label: value for value, label in Party.choices} | {
    "中国共产党": Party.CPC,
    "共产党员": Party.CPC,
    "中共": Party.CPC,
    "党员": Party.CPC,
    "中共预备党员": Party.CPC,
    "中国共产党党员": Party.CPC,
    "民革": Party.RCCK,
    "中国国民党革命委员会": Party.RCCK,
    "民盟": Party.CDL,
    "中国民主同盟": Party.CDL,
    "民建": Party.CNDCA,
    "中国民主建国会": Party.CNDCA,
    "民进": Party.CAPD,
    "中国民主促进会": Party.CAPD,
    "农工党": Party.CPWDP,
    "中国农工民主党": Party.CPWDP,
    "致公党": Party.CZGD,
    "中国致公党": Party.CZGD,
    "九三学社": Party.JS,
    "台盟": Party.TDSGL,
    "台湾民主自治同盟": Party.TDSGL,
    "无党派": Party.NON_PARTY,
    "无党派民主人士": Party.NON_PARTY,
    "群众": Party.MASSES,
}
# The 无 rule (docs/deputies.md): a roster's "无" means no party membership, which the official
# classification calls 群众. 无党派人士 is a status the united-front department confers, so it is only
# taken from an explicit "无党派人士" (or 无党派); a blank stays unknown (未填), never guessed.
NONE_PARTY_TEXTS = ("无", "没有")
PARTY_ALIASES |= dict.fromkeys(NONE_PARTY_TEXTS, Party.MASSES)
GENDER_ALIASES = {
    "男": Gender.MALE,
    "男性": Gender.MALE,
    "M": Gender.MALE,
    "MALE": Gender.MALE,
    "女": Gender.FEMALE,
    "女性": Gender.FEMALE,
    "F": Gender.FEMALE,
    "FEMALE": Gender.FEMALE,
}
EDUCATION_ALIASES = {label: value for value, label in Education.choices} | {
    "博士": Education.DOCTORATE,
    "研究生": Education.MASTER,
    "硕士": Education.MASTER,
    "本科": Education.BACHELOR,
    "大学": Education.BACHELOR,
    "大专": Education.COLLEGE,
    "专科": Education.COLLEGE,
    "中专": Education.SECONDARY,
    "高中": Education.SECONDARY,
    "职高": Education.SECONDARY,
    "中技": Education.SECONDARY,
    "初中": Education.JUNIOR,
    "小学": Education.PRIMARY,
}
CATEGORY_ALIASES = {label: value for value, label in OccupationCategory.choices} | {
    "党政干部": OccupationCategory.OFFICIAL,
    "领导干部": OccupationCategory.OFFICIAL,
    "解放军": OccupationCategory.MILITARY,
    "军人": OccupationCategory.MILITARY,
    "专技人员": OccupationCategory.PROFESSIONAL,
    "企业家": OccupationCategory.BUSINESS,
}
ETHNICITY_SET = frozenset(ETHNICITIES)
ETHNICITY_ALIASES = {e.removesuffix("族"): e for e in ETHNICITIES}
# 当选方式: a general election or a 补选 (by-election); a "是否补选" column answers 是/否.
BY_ELECTION = {"补选", "补选当选", "是", "Y", "YES", "1"}
GENERAL_ELECTION = {"", "当选", "选举", "换届选举", "否", "N", "NO", "0"}
YES = {"是", "Y", "YES", "1", "TRUE", "连任"}
NO = {"否", "N", "NO", "0", "FALSE", "", "新任"}

_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_DATE_RE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


def clean_text(value) -> tuple[str, bool]:
    """NFKC (full-width letters, digits and punctuation to half-width) and trimmed; True if that changed it."""
    if value is None:
        return "", False
    if isinstance(value, str):
        return _clean_str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _clean_str(str(value))


@lru_cache(maxsize=8192)  # ≈ 20 cells a row, most of them the same few values (性别, 民族, 届次, 选区…)
def _clean_str(raw: str) -> tuple[str, bool]:
    text = unicodedata.normalize("NFKC", raw).strip() if not raw.isascii() else raw.strip()
    return text, text != raw.strip()


def parse_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if len(text) == 8 and text.isdigit():
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    m = _DATE_RE.match(text)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def parse_term(text: str) -> int | None:
    """ "18", "第十八届", "十八届" → 18."""
    t = text.removeprefix("第").removesuffix("届")
    if t.isdigit():
        return int(t) if 0 < int(t) < 100 else None
    if t and all(c in _CN_DIGITS or c == "十" for c in t):
        if "十" not in t:
            return _CN_DIGITS.get(t) if len(t) == 1 else None
        tens, _, ones = t.partition("十")
        return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return None
