"""A survey's questions compiled once into plain dicts, and an answer set checked against them.

The public endpoint answers thousands of phones: it reads the compiled definition from a process cache keyed
on (survey id, `Survey.structure`), which every builder change bumps, instead of three queries per answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from renda.core.errors import Refused

from .models import Kind, Survey

_CACHE: dict[tuple[int, int], Definition] = {}


@dataclass
class Q:
    id: int
    kind: str
    text: str
    required: bool
    position: int
    section: int | None = None
    help_text: str = ""
    max_choices: int | None = None
    published: bool = True
    options: list[tuple[int, str, float | None]] = field(default_factory=list)  # (id, label, score)
    rows: list[tuple[int, str]] = field(default_factory=list)
    show_if: int | None = None
    show_if_option: int | None = None
    condition: str = ""  # "第 5 题选“不满意”时显示"

    @property
    def option_ids(self) -> set[int]:
        return {o[0] for o in self.options}

    def label(self, option_id) -> str:
        return next((lab for oid, lab, _ in self.options if oid == option_id), "")

    def number(self) -> str:
        return f"第 {self.position} 题"


@dataclass
class Definition:
    survey_id: int
    questions: list[Q]
    sections: list[tuple[int, str, str]]

    def by_id(self) -> dict[int, Q]:
        return {q.id: q for q in self.questions}


def compile_(survey: Survey) -> Definition:
    key = (survey.pk, survey.structure)
    found = _CACHE.get(key)
    if found is not None:
        return found
    questions = []
    for q in survey.questions.prefetch_related("options", "rows").order_by("position", "id"):
        questions.append(
            Q(
                id=q.pk,
                kind=q.kind,
                text=q.text,
                required=q.required,
                position=q.position,
                section=q.section_id,
                help_text=q.help_text,
                max_choices=q.max_choices,
                published=q.published,
                options=[
                    (o.pk, o.label, float(o.score) if o.score is not None else None) for o in q.options.all()
                ],
                rows=[(r.pk, r.label) for r in q.rows.all()],
                show_if=q.show_if_id,
                show_if_option=q.show_if_option_id,
            )
        )
    by_id = {q.id: q for q in questions}
    for q in questions:
        if q.show_if and q.show_if in by_id:
            cond = by_id[q.show_if]
            q.condition = f"第 {cond.position} 题选“{cond.label(q.show_if_option)}”时显示"
    sections = [(s.pk, s.title, s.description) for s in survey.sections.all()]
    d = Definition(survey.pk, questions, sections)
    if len(_CACHE) > 500:
        _CACHE.clear()
    _CACHE[key] = d
    return d


def _int(value, q: Q) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Refused("answer_out_of_range", f"{q.number()}“{q.text}”的答案不在选项之内") from None


def _shown(q: Q, clean: dict) -> bool:
    """A conditioned question counts only when its condition's answer is the named option."""
    if not q.show_if:
        return True
    given = clean.get(str(q.show_if))
    if isinstance(given, list):
        return q.show_if_option in given
    return given == q.show_if_option


def clean_answers(d: Definition, raw: dict) -> dict:
    """Check every answer against the questions; return {str(question id): value}. Refuses, in Chinese, an
    unknown question, an option outside the question, too many choices, a missing required answer."""
    known = {str(q.id) for q in d.questions}
    unknown = [k for k in raw if str(k) not in known]
    if unknown:
        raise Refused("answer_unknown_question", "答卷中有不属于本问卷的题目，请刷新页面后重新填写")
    clean: dict = {}
    for q in d.questions:  # in order, so a condition's answer is known before the question it governs
        value = raw.get(str(q.id), raw.get(q.id))
        if value in (None, "", [], {}):
            value = None
        if not _shown(q, clean):
            continue  # hidden by its condition: whatever came is dropped, and it is not required
        if value is None:
            if q.required:
                raise Refused("answer_required", f"{q.number()}“{q.text}”为必答题，请作答")
            continue
        if q.kind in (Kind.SINGLE, Kind.RATING):
            if isinstance(value, list):
                if len(value) != 1:
                    raise Refused("answer_single_only", f"{q.number()}“{q.text}”只能选一项")
                value = value[0]
            oid = _int(value, q)
            if oid not in q.option_ids:
                raise Refused("answer_out_of_range", f"{q.number()}“{q.text}”的答案不在选项之内")
            clean[str(q.id)] = oid
        elif q.kind == Kind.MULTIPLE:
            values = value if isinstance(value, list) else [value]
            ids = sorted({_int(v, q) for v in values})
            if not set(ids) <= q.option_ids:
                raise Refused("answer_out_of_range", f"{q.number()}“{q.text}”的答案不在选项之内")
            if q.max_choices and len(ids) > q.max_choices:
                raise Refused("answer_too_many", f"{q.number()}“{q.text}”最多选 {q.max_choices} 项")
            clean[str(q.id)] = ids
        elif q.kind == Kind.MATRIX:
            if not isinstance(value, dict):
                raise Refused("answer_out_of_range", f"{q.number()}“{q.text}”的答案格式不正确")
            rows = {str(r[0]): r[1] for r in q.rows}
            if not set(map(str, value)) <= set(rows):
                raise Refused("answer_out_of_range", f"{q.number()}“{q.text}”中有不属于本题的评价对象")
            out = {}
            for rid, label in rows.items():
                v = value.get(rid, value.get(int(rid)))
                if v in (None, ""):
                    if q.required:
                        raise Refused("answer_required", f"{q.number()}“{q.text}”中“{label}”为必答，请作答")
                    continue
                oid = _int(v, q)
                if oid not in q.option_ids:
                    raise Refused(
                        "answer_out_of_range", f"{q.number()}“{q.text}”中“{label}”的答案不在选项之内"
                    )
                out[rid] = oid
            if out:
                clean[str(q.id)] = out
        else:
            text = str(value).strip()
            if "\x00" in text:
                raise Refused("answer_invalid_text", f"{q.number()}的文字中含有无效字符")
            if len(text) > 2000:
                raise Refused("answer_too_long", f"{q.number()}“{q.text}”的文字不能超过 2000 字")
            if text:
                clean[str(q.id)] = text
            elif q.required:
                raise Refused("answer_required", f"{q.number()}“{q.text}”为必答题，请作答")
    return clean


def from_post(d: Definition, post) -> dict:
    """The answer form's fields (q<ID>, q<ID>_r<ROW>) as the raw dict `clean_answers` reads."""
    raw: dict = {}
    for q in d.questions:
        key = f"q{q.id}"
        if q.kind == Kind.MULTIPLE:
            values = [v for v in post.getlist(key) if v]
            if values:
                raw[str(q.id)] = values
        elif q.kind == Kind.MATRIX:
            cells = {str(r[0]): post.get(f"{key}_r{r[0]}") for r in q.rows if post.get(f"{key}_r{r[0]}")}
            if cells:
                raw[str(q.id)] = cells
        else:
            value = post.get(key, "")
            if value:
                raw[str(q.id)] = value
    return raw
