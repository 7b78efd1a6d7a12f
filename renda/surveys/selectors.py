"""Reads: lists by user, live results, cross-tabulation, frequent words, and `score_for` for supervision.

Counting rules (wave2-references.md (c) "Goal beyond the anchors"):
- options are counted one by one, never per combination (Decidim #16421): a multiple-choice answer adds one
  to each option it names, and shares are of respondents who answered the question, so they may sum > 100 %;
- every share carries n and a 95 % Wilson interval;
- published results suppress every cell of fewer than 5 answers (`SMALL_CELL`), shown as “<5”.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.db.models import QuerySet
from django.utils import timezone

from renda.core.permissions import scope

from .definition import Definition, Q, compile_
from .models import Kind, Participation, Response, Survey

SMALL_CELL = 5
Z95 = 1.959964


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of k successes in n (as shares 0–1); (0, 0) when n is 0."""
    if n <= 0:
        return 0.0, 0.0
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def public_key(slug: str) -> str:
    return f"surveys:public:{slug}"


def public_survey(slug: str) -> Survey | None:
    """A published public survey by its link, through the shared cache: the answer endpoint then costs one
    transaction (two inserts) instead of a lookup and a transaction. Every write to the survey row or its
    questions deletes the entry on commit (services._forget); the TTL only bounds a lost delete."""
    from django.core.cache import cache

    key = public_key(slug)
    survey = cache.get(key)
    if survey is None:
        survey = Survey.objects.filter(slug=slug, audience="public", published_at__isnull=False).first()
        if survey is None:
            return None
        cache.set(key, survey, timeout=30)
    return survey


def surveys_for_staff(user) -> QuerySet[Survey]:
    return scope(Survey.objects.all(), user, body_field="body").select_related("body")


def surveys_for_respondent(user) -> QuerySet[Survey]:
    """Published surveys the user is asked to answer, newest first."""
    return (
        Survey.objects.filter(invitees__user=user, published_at__isnull=False)
        .select_related("body")
        .order_by("-published_at")
    )


def answered(survey: Survey, user) -> bool:
    return survey.participations.filter(user=user).exists()


def participation(survey: Survey) -> dict:
    """Who answered (named surveys: known to staff, not what they answered) and by which channel."""
    invited = list(survey.invitees.select_related("user").order_by("user__username"))
    done = dict(survey.participations.exclude(user=None).values_list("user_id", "channel"))
    rows = [(i.user, done.get(i.user_id)) for i in invited]
    total = survey.participations.count()
    return {"rows": rows, "invited": len(invited), "answered": total, "named_answered": len(done)}


@dataclass
class Cell:
    label: str
    count: int
    share: float  # 0–1, of respondents who answered the question (or the row)
    low: float
    high: float
    suppressed: bool = False
    score: float | None = None

    @property
    def pct(self) -> str:
        return "—" if self.suppressed else f"{self.share * 100:.1f}%"

    @property
    def interval(self) -> str:
        return "—" if self.suppressed else f"{self.low * 100:.1f}%–{self.high * 100:.1f}%"

    @property
    def shown_count(self) -> str:
        return "<5" if self.suppressed else str(self.count)


@dataclass
class Block:
    """The result of one question, or of one row of a matrix question."""

    label: str
    n: int
    cells: list[Cell]
    mean_score: float | None = None


@dataclass
class Result:
    question: Q
    n: int
    blocks: list[Block] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    words: list[tuple[str, int]] = field(default_factory=list)


def _block(label: str, q: Q, counts: Counter, n: int, suppress: bool) -> Block:
    cells = []
    scored = 0.0
    scored_n = 0
    for oid, lab, score in q.options:
        k = counts.get(oid, 0)
        lo, hi = wilson(k, n)
        cells.append(Cell(lab, k, k / n if n else 0.0, lo, hi, suppress and 0 < k < SMALL_CELL, score))
        if score is not None:
            scored += score * k
            scored_n += k
    return Block(label, n, cells, round(scored / scored_n, 1) if scored_n else None)


def _answers(survey: Survey) -> list[dict]:
    return list(Response.objects.filter(survey=survey).values_list("answers", flat=True))


def results(
    survey: Survey, *, published_only: bool = False, answers: list[dict] | None = None
) -> list[Result]:
    """Per question: n, each option's count, share and Wilson interval (matrix: per row), the mean score on
    0–100 where the options carry scores, and for free text the answers and their frequent words.
    `published_only` keeps the questions staff chose to publish and suppresses small cells."""
    d = compile_(survey)
    answers = _answers(survey) if answers is None else answers
    out = []
    for q in d.questions:
        if published_only and not q.published:
            continue
        key = str(q.id)
        given = [a[key] for a in answers if key in a]
        r = Result(q, len(given))
        if q.kind in (Kind.SINGLE, Kind.RATING):
            r.blocks = [_block(q.text, q, Counter(given), len(given), published_only)]
        elif q.kind == Kind.MULTIPLE:
            counts = Counter(oid for g in given for oid in set(g))  # each option once per respondent
            r.blocks = [_block(q.text, q, counts, len(given), published_only)]
        elif q.kind == Kind.MATRIX:
            for rid, label in q.rows:
                cells = [g[str(rid)] for g in given if str(rid) in g]
                r.blocks.append(_block(label, q, Counter(cells), len(cells), published_only))
        else:
            r.texts = [] if published_only else given
            r.words = frequent_words(given)
        out.append(r)
    return out


def crosstab(survey: Survey, question_id: int, by_id: int, *, published_only: bool = False) -> dict:
    """`question` broken down by the answer to `by` (a single-choice or rating question, e.g. township).
    Rows are `by`'s options; each cell the count and row share; cells < 5 suppressed when published. For a
    matrix question the first row is used unless `question_id` names 'qid:rowid'."""
    d = compile_(survey)
    qs = d.by_id()
    q, by = qs.get(int(str(question_id).split(":")[0])), qs.get(int(by_id))
    if q is None or by is None or by.kind not in (Kind.SINGLE, Kind.RATING) or q.kind == Kind.TEXT or q is by:
        return {}
    row_id = (
        str(question_id).split(":")[1] if ":" in str(question_id) else (str(q.rows[0][0]) if q.rows else "")
    )
    groups: dict[int, Counter] = {oid: Counter() for oid, _, _ in by.options}
    totals: Counter = Counter()
    for a in _answers(survey):
        g = a.get(str(by.id))
        v = a.get(str(q.id))
        if g is None or v is None:
            continue
        if q.kind == Kind.MATRIX:
            v = v.get(row_id)
            if v is None:
                continue
        values = set(v) if isinstance(v, list) else {v}
        groups.setdefault(g, Counter()).update(values)
        totals[g] += 1
    rows = []
    for oid, label, _ in by.options:
        n = totals[oid]
        small = published_only and n < SMALL_CELL
        cells = []
        for vid, vlabel, _ in q.options:
            k = groups[oid].get(vid, 0)
            lo, hi = wilson(k, n)
            cells.append(
                Cell(vlabel, k, k / n if n else 0.0, lo, hi, small or (published_only and 0 < k < SMALL_CELL))
            )
        rows.append({"label": label, "n": n, "suppressed": small, "cells": cells})
    row_label = next((lab for rid, lab in q.rows if str(rid) == row_id), "")
    return {
        "question": q,
        "by": by,
        "row_label": row_label,
        "columns": [o[1] for o in q.options],
        "rows": rows,
    }


# Free text -----------------------------------------------------------------------------------------------------

STOPWORDS_FILE = Path(__file__).with_name("stopwords.txt")


@cache
def stopwords() -> frozenset[str]:
    return frozenset(w.strip() for w in STOPWORDS_FILE.read_text(encoding="utf-8").split() if w.strip())


def frequent_words(texts: list[str], top: int = 20) -> list[tuple[str, int]]:
    """The most frequent words of the answers (jieba, precise mode), without stop words, single characters and
    numbers; a word counts once per answer, so one long answer can't dominate."""
    if not texts:
        return []
    import jieba

    jieba.setLogLevel(60)
    stop = stopwords()
    counts: Counter = Counter()
    for t in texts:
        words = {w.strip() for w in jieba.lcut(t)}
        counts.update(w for w in words if len(w) > 1 and w not in stop and not w.isdigit())
    return counts.most_common(top)


# Supervision -----------------------------------------------------------------------------------------------------


def score_for(survey: Survey, question, row=None) -> tuple[float | None, int]:
    """The survey as one rater group of supervision's appraisal: the mean score (0–100) that respondents gave
    `question`, and n — the number of answers that carried a score.

    `question` is a Question or its id; it must be a single-choice, rating or matrix question whose options
    carry scores (the presets do: 满意 100 / 基本满意 60 / 不满意 0; 1–5 分 → 0/25/50/75/100). For a matrix
    question pass `row` (a MatrixRow or its id) for one report, or leave it empty for the mean over all rows.
    Returns (None, 0) when nobody answered. Counts every answer, published or not: the appraisal is an
    internal use; the supervision app publishes the appraisal itself by its own rules."""
    d = compile_(survey)
    qid = getattr(question, "pk", question)
    q = d.by_id().get(int(qid))
    if q is None:
        raise ValueError("the question is not in this survey")
    scores = {oid: s for oid, _, s in q.options if s is not None}
    rid = getattr(row, "pk", row)
    total, n = 0.0, 0
    for a in _answers(survey):
        v = a.get(str(q.id))
        if v is None:
            continue
        if q.kind == Kind.MATRIX:
            cells = [v.get(str(rid))] if rid is not None else list(v.values())
        elif q.kind in (Kind.SINGLE, Kind.RATING):
            cells = [v]
        else:
            raise ValueError("score_for needs a single-choice, rating or matrix question")
        for c in cells:
            if c in scores:
                total += scores[c]
                n += 1
    return (round(total / n, 2) if n else None, n)


def counts_by_status(user) -> dict:
    now = timezone.now()
    out: Counter = Counter()
    for s in surveys_for_staff(user):
        out[s.status(now)] += 1
    return dict(out)


def definition(survey: Survey) -> Definition:
    return compile_(survey)


def response_count(survey: Survey) -> int:
    return Participation.objects.filter(survey=survey).count()
