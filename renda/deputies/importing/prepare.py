"""Pass 1 of an import: normalise and check every row of the whole file before anything is written.

Each bad row is reported with its line number and every reason; each safe normalisation is reported too.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from renda.core import crypto
from renda.core.templatetags.renda import mask_id

from ...core.models import Body
from .. import dates
from ..choices import CURRENT_STATUSES, PARTY_UNKNOWN, OccupationCategory, Party
from ..models import Constituency, Delegation, DeputyGroup, Mandate, ProfessionalGroup, Term
from ..validation import id_birth_date, id_card_problem, id_gender
from .columns import (
    BY_ELECTION,
    CATEGORY_ALIASES,
    EDUCATION_ALIASES,
    ETHNICITY_ALIASES,
    ETHNICITY_SET,
    GENDER_ALIASES,
    GENERAL_ELECTION,
    NO,
    NONE_PARTY_TEXTS,
    PARTY_ALIASES,
    YES,
    clean_text,
    parse_date,
    parse_term,
)

MAX_REPORTED = 2000  # detailed errors kept for the report page; the count is always exact
_SPACES = re.compile(r"\s+")
_PHONE = re.compile(r"^(1\d{10}|0\d{2,3}-?\d{7,8})$")
_PARTY_LABELS = dict(Party.choices)  # built once: Party.choices is rebuilt on every access


@dataclass(slots=True)
class Row:
    line: int
    name: str
    gender: str
    ethnicity: str
    birth_date: date | None
    birth_precision: str
    id_number: str
    id_hash: str | None
    party: str
    education: str
    occupation: str
    category: str
    work_unit: str
    phone: str
    term_id: int
    constituency_id: int | None
    electing_body_id: int | None
    delegation_id: int | None
    group_id: int | None
    professional_group_ids: tuple
    card_number: str
    start_date: date  # the seat's start: the election date, or the term's start if elected before it
    re_elected: bool
    elected_on: date
    by_election: bool  # a 补选 seat: its change of mandate is 补选, not 当选
    # Set by match.py: the person and current seat this row updates (None: new).
    person_id: int | None = None
    mandate_id: int | None = None
    matched_by: str = ""


@dataclass
class Report:
    total: int = 0
    valid: list[Row] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    error_count: int = 0
    notes: Counter = field(default_factory=Counter)
    note_examples: dict = field(default_factory=dict)
    file_notes: list[str] = field(default_factory=list)
    ambiguous: list[dict] = field(default_factory=list)  # rows the staff must decide (match.py)
    pairs: list[dict] = field(default_factory=list)  # same-name rows of the file: two seats unless told

    def error(self, line: int, reasons: list[str], name: str = "") -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED:
            self.errors.append({"line": line, "name": name, "reasons": reasons})

    def note(self, kind: str, example: str) -> None:
        self.notes[kind] += 1
        self.note_examples.setdefault(kind, example)

    def as_json(self) -> dict:
        return {
            "total": self.total,
            "valid": len(self.valid),
            "error_count": self.error_count,
            "errors": self.errors,
            "file_notes": self.file_notes,
            "ambiguous": self.ambiguous,
            "pairs": self.pairs,
            "notes": [
                {"kind": k, "count": n, "example": self.note_examples[k]} for k, n in self.notes.most_common()
            ],
        }


class Lookups:
    """Names of this congress's terms, constituencies, delegations and groups, loaded once."""

    def __init__(self, body: Body):
        self.body = body
        self.terms = {t.number: t for t in Term.objects.filter(body=body)}
        self.constituencies = dict(Constituency.objects.filter(body=body).values_list("name", "id"))
        self.delegations = dict(Delegation.objects.filter(body=body).values_list("name", "id"))
        self.groups = dict(DeputyGroup.objects.filter(body=body).values_list("name", "id"))
        self.professional_groups = dict(ProfessionalGroup.objects.filter(body=body).values_list("name", "id"))
        # 选举单位: deputies above county level are elected by a congress below (by its name).
        self.electing_bodies = dict(
            Body.objects.filter(path__startswith=body.path).exclude(pk=body.pk).values_list("name", "id")
        )
        # Card numbers already given in this congress: (term, card) → whose (id hash, name, birth date).
        self.cards = {
            (t, c): (h, n, b, bp)
            for t, c, h, n, b, bp in Mandate.objects.filter(body=body, status__in=CURRENT_STATUSES)
            .exclude(card_number="")
            .values_list(
                "term_id",
                "card_number",
                "person__id_hash",
                "person__name",
                "person__birth_date",
                "person__birth_precision",
            )
        }


def _name(raw, rep: Report, line: int, errs: list) -> str:
    text, changed = clean_text(raw)
    name = _SPACES.sub("", text)
    if name != text:
        rep.note("姓名中的空格已去除", f"第{line}行 “{text}” → “{name}”")
    elif changed:
        rep.note("全角字符已转为半角", f"第{line}行 姓名")
    if not name:
        errs.append("缺少姓名")
    elif len(name) > 40:
        errs.append("姓名超过40个字")
    return name


def _choice(
    raw,
    aliases: dict,
    label: str,
    rep: Report,
    line: int,
    errs: list,
    *,
    default: str = "",
    canonical: dict | None = None,
) -> str:
    text, _ = clean_text(raw)
    text = text.replace(" ", "")
    if not text:
        return default
    value = aliases.get(text) or aliases.get(text.upper())
    if value is None:
        errs.append(f"无法识别的{label}“{text}”")
        return default
    if canonical is not None and canonical.get(value) != text:
        rep.note(f"{label}已规范化", f"第{line}行 “{text}” → “{canonical.get(value)}”")
    return value


def check_row(line: int, raw: dict, lk: Lookups, rep: Report) -> Row | None:
    errs: list[str] = []
    name = _name(raw.get("name"), rep, line, errs)
    gender = _choice(raw.get("gender"), GENDER_ALIASES, "性别", rep, line, errs)
    if not gender and not any("性别" in e for e in errs):
        errs.append("缺少性别")
    eth, _ = clean_text(raw.get("ethnicity"))
    eth = eth.replace(" ", "")
    if eth in ETHNICITY_SET:
        ethnicity = eth
    elif eth in ETHNICITY_ALIASES:
        ethnicity = ETHNICITY_ALIASES[eth]
        rep.note("民族名称已补全", f"第{line}行 “{eth}” → “{ethnicity}”")
    else:
        ethnicity = ""
        errs.append(f"未知的民族“{eth}”" if eth else "缺少民族")
    id_number, changed = clean_text(raw.get("id_number"))
    id_number = id_number.replace(" ", "")
    if id_number and id_number != id_number.upper():
        id_number = id_number.upper()
        changed = True
    if changed and id_number:
        rep.note("身份证号已规范化（全角转半角、末位x大写）", f"第{line}行")
    birth_raw = raw.get("birth_date")
    birth_text = clean_text(birth_raw)[0]
    parsed = (
        dates.parse_partial(birth_text if isinstance(birth_raw, str) else birth_raw) if birth_text else None
    )
    birth, precision = parsed or (None, dates.DAY)
    if birth_text and parsed is None:
        errs.append(f"出生日期“{birth_text}”不是有效日期（可填 1967-03-08、1967年3月、1967-03 或 1967）")
    elif precision != dates.DAY:
        rep.note("出生日期只有年月或年份，按原样保存", f"第{line}行 “{birth_text}”")
    if id_number:
        problem = id_card_problem(id_number)
        if problem:
            errs.append(f"{problem}（{mask_id(id_number)}）")
        else:
            id_birth = id_birth_date(id_number)
            if birth is None and not birth_text:
                birth, precision = id_birth, dates.DAY
                rep.note("出生日期按身份证号补全", f"第{line}行")
            elif birth and not dates.same_known(birth, precision, id_birth, dates.DAY):
                errs.append(f"出生日期“{birth_text}”与身份证号（{mask_id(id_number)}）不符")
            elif birth and precision != dates.DAY:
                birth, precision = id_birth, dates.DAY  # the ID number gives the full date
            if gender and id_gender(id_number) != gender:
                errs.append(f"性别“{clean_text(raw.get('gender'))[0]}”与身份证号（{mask_id(id_number)}）不符")
    party_text = clean_text(raw.get("party"))[0].replace(" ", "")
    party = _choice(party_text, PARTY_ALIASES, "政治面貌", rep, line, errs, canonical=_PARTY_LABELS)
    if not party_text:
        rep.note(f"政治面貌未填（保留为“{PARTY_UNKNOWN}”）", f"第{line}行")
    elif party_text in NONE_PARTY_TEXTS:
        rep.note(f"政治面貌“{party_text}”按规则导入为“{_PARTY_LABELS[party]}”", f"第{line}行")
    education = _choice(raw.get("education"), EDUCATION_ALIASES, "学历", rep, line, errs)
    category = _choice(
        raw.get("category"),
        CATEGORY_ALIASES,
        "代表构成类别",
        rep,
        line,
        errs,
        default=OccupationCategory.OTHER,
    )
    occupation = clean_text(raw.get("occupation"))[0][:60]
    work_unit = clean_text(raw.get("work_unit"))[0][:120]
    phone = re.sub(r"[\s()（）]", "", clean_text(raw.get("phone"))[0])
    if phone and not _PHONE.match(phone):
        errs.append(f"手机号码“{phone}”格式不正确")
    term_text = clean_text(raw.get("term"))[0]
    number = parse_term(term_text) if term_text else None
    term = lk.terms.get(number) if number else None
    if term is None:
        errs.append(f"未知的届次“{term_text}”" if term_text else "缺少届次")
    ids = {}
    for key, table, label in (
        ("constituency", lk.constituencies, "选区"),
        ("delegation", lk.delegations, "代表团"),
        ("group", lk.groups, "代表小组"),
    ):
        text = _SPACES.sub("", clean_text(raw.get(key))[0])
        ids[key] = table.get(text) if text else None
        if text and ids[key] is None:
            errs.append(f"未知的{label}“{text}”")
    eb_text = _SPACES.sub("", clean_text(raw.get("electing_body"))[0])
    electing_body_id = lk.electing_bodies.get(eb_text) if eb_text else None
    if eb_text and electing_body_id is None:
        errs.append(f"未知的选举单位“{eb_text}”（应为下级人民代表大会的全称）")
    pg_ids = []
    for part in re.split(r"[、,，;；/]", clean_text(raw.get("professional_groups"))[0]):
        part = part.strip()
        if part:
            if part in lk.professional_groups:
                pg_ids.append(lk.professional_groups[part])
            else:
                errs.append(f"未知的专业小组“{part}”")
    card = clean_text(raw.get("card_number"))[0].replace(" ", "")[:30]
    start_raw = raw.get("start_date")
    start = parse_date(start_raw) if start_raw not in (None, "") else None
    if start is None:
        errs.append(
            f"当选日期“{clean_text(start_raw)[0]}”不是有效日期"
            if start_raw not in (None, "")
            else "缺少当选日期"
        )
    re_text = clean_text(raw.get("re_elected"))[0].upper()
    kind_text = clean_text(raw.get("election_kind"))[0].replace(" ", "").upper()
    if re_text == "补选":  # some rosters mark a by-election in the 连任/新任 column
        kind_text, re_text = "补选", "否"
    if re_text not in YES and re_text not in NO:
        errs.append(f"“连任”应填“是”或“否”，而不是“{re_text}”")
    by_election = kind_text in BY_ELECTION
    if not by_election and kind_text not in GENERAL_ELECTION:
        errs.append(f"“当选方式”应填“当选”或“补选”，而不是“{kind_text}”")
    if (
        start is not None
        and term is not None
        and (problem := term.election_problem(start, by_election=by_election))
    ):
        errs.append(problem)
    if birth and start:
        # A partial date is its first day, the earliest it can be: only a certain problem is refused.
        if birth >= start:
            errs.append(f"出生日期“{birth_text}”晚于当选日期 {start:%Y-%m-%d}")
        elif (start.year - birth.year - ((start.month, start.day) < (birth.month, birth.day))) < 18:
            errs.append(f"当选时未满18周岁（出生日期“{birth_text}”，当选日期 {start:%Y-%m-%d}）")
    if errs:
        rep.error(line, errs, name)
        return None
    return Row(
        line,
        name,
        gender,
        ethnicity,
        birth,
        precision,
        id_number,
        crypto.lookup_hash(id_number),
        party,
        education,
        occupation,
        category,
        work_unit,
        phone,
        term.pk,
        ids["constituency"],
        electing_body_id,
        ids["delegation"],
        ids["group"],
        tuple(pg_ids),
        card,
        term.seat_start(start),
        re_text in YES,
        start,
        by_election,
    )


def check_rows(rows, *, body: Body) -> Report:
    """Check every row; duplicates within the file and card numbers taken by someone else are errors too."""
    lk = Lookups(body)
    rep = Report()
    seen_person: dict = {}
    seen_card: dict = {}
    for line, raw in rows:
        rep.total += 1
        row = check_row(line, raw, lk, rep)
        if row is None:
            continue
        # Only one ID number makes two rows one person: same-name rows are two seats (match.py pairs them).
        reasons = []
        if row.id_hash in seen_person:
            reasons.append(f"与第{seen_person[row.id_hash]}行是同一人（身份证号相同）")
        if row.card_number:
            ck = (row.term_id, row.card_number)
            if ck in seen_card:
                reasons.append(f"代表证号“{row.card_number}”与第{seen_card[ck]}行重复")
            owner = lk.cards.get(ck)
            if owner and not _same_person(owner, row):
                reasons.append(f"代表证号 {row.card_number} 已属于{owner[1]}")
        if reasons:
            rep.error(line, reasons, row.name)
            continue
        if row.id_hash:
            seen_person[row.id_hash] = line
        if row.card_number:
            seen_card[(row.term_id, row.card_number)] = line
        rep.valid.append(row)
    if rep.total == 0:
        rep.file_notes.append("文件中没有数据行")
    return rep


def _same_person(owner: tuple, row: Row) -> bool:
    id_hash, name, birth, precision = owner
    if id_hash and row.id_hash:
        return id_hash == row.id_hash
    return name == row.name and dates.same_known(birth, precision, row.birth_date, row.birth_precision)


def refuse_closed(rep: Report, body: Body) -> None:
    """After matching: a row may not put a new seat, or move a seat, into a closed delegation or group
    (setup page: 停用). A seat that already has it keeps it, so re-importing an old file still passes."""
    closed = {
        "delegation": dict(Delegation.objects.filter(body=body, closed=True).values_list("id", "name")),
        "group": dict(DeputyGroup.objects.filter(body=body, closed=True).values_list("id", "name")),
    }
    if not closed["delegation"] and not closed["group"]:
        return
    seats = [r.mandate_id for r in rep.valid if r.mandate_id]
    current = {}
    for i in range(0, len(seats), 500):  # SQLite's limit on query parameters
        rows = Mandate.objects.filter(pk__in=seats[i : i + 500]).values_list(
            "pk", "delegation_id", "group_id"
        )
        current.update({pk: {"delegation": d, "group": g} for pk, d, g in rows})
    keep = []
    for r in rep.valid:
        reasons = []
        for key, label in (("delegation", "代表团"), ("group", "代表小组")):
            value = getattr(r, f"{key}_id")
            if value in closed[key] and current.get(r.mandate_id, {}).get(key) != value:
                reasons.append(f"{label}“{closed[key][value]}”已停用，不能再安排代表")
        if reasons:
            rep.error(r.line, reasons, r.name)
        else:
            keep.append(r)
    rep.valid = keep
