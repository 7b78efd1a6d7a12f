"""Similar earlier items (并案 / 年年提) with the terms they share, and campaigns of near-identical messages.

The corpus of a body: this year's suggestions, earlier years' suggestions that have a reply, and the
voters' messages of the body and the bodies under it. One TF-IDF index (jieba words + word bigrams) per
body is kept per process and rebuilt when the corpus changes (its count and newest id).
Campaigns: MinHash (datasketch, 64 permutations) of character 3-shingles, LSH at the policy threshold;
connected messages form one group (a campaign counts as one event in hot topics).
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from django.db.models import Count, Max, Q
from django.urls import reverse
from sklearn.feature_extraction.text import TfidfVectorizer

from renda.core import policy

from .. import items
from .. import text as T
from ..models import InsightPolicy, MergeLink

_lock = threading.Lock()
_indexes: dict = {}


@dataclass
class Entry:
    kind: str
    pk: int
    title: str
    year: int
    when: date | None
    authors: list[str]
    has_reply: bool
    url: str


@dataclass
class Match:
    entry: Entry
    score: float
    terms: list[str]
    merged: bool = False


@dataclass
class Index:
    key: tuple
    entries: list
    vectorizer: object
    matrix: object
    prepared: list = field(default_factory=list)


def _split(s: str) -> list[str]:
    toks = s.split()
    return toks + [a + "_" + b for a, b in itertools.pairwise(toks)]


def _suggestions(body):
    from renda.suggestions.models import Suggestion

    year = date.today().year
    return (
        Suggestion.objects.filter(body=body)
        .exclude(state__in=("draft", "withdrawn"))
        .filter(Q(year=year) | Q(replies__isnull=False))
        .distinct()
        .select_related("lead__person")
        .prefetch_related("cosigners__mandate__person")
    )


def _messages(body):
    from renda.contact.models import Message

    return Message.objects.filter(body__in=body.descendants()).only(
        "pk", "title", "content", "received_at", "voter_name", "replied_at"
    )


def _key(body) -> tuple:
    s = _suggestions(body).aggregate(n=Count("pk", distinct=True), m=Max("updated_at"))
    m = _messages(body).aggregate(n=Count("pk"), m=Max("pk"))
    return (body.pk, s["n"], str(s["m"]), m["n"], m["m"])


def _person(mandate) -> str:
    person = getattr(mandate, "person", None)
    return getattr(person, "name", "") or str(mandate)


def _build(body, key) -> Index:
    entries, texts = [], []
    for s in _suggestions(body):
        authors = [_person(s.lead)] + [
            _person(c.mandate) for c in s.cosigners.all() if getattr(c, "mandate", None)
        ]
        entries.append(
            Entry(
                "suggestion",
                s.pk,
                s.title,
                s.year,
                s.submitted_at.date() if s.submitted_at else None,
                authors,
                s.state in ("replied", "evaluated", "closed", "rehandling", "escalated"),
                reverse("suggestions:detail", args=[s.pk]),
            )
        )
        texts.append(items.text_of(s))
    for m in _messages(body).order_by("-received_at")[:20000]:
        entries.append(
            Entry(
                "message",
                m.pk,
                m.title,
                m.received_at.year,
                m.received_at.date(),
                [m.voter_name or "选民"],
                m.replied_at is not None,
                reverse("contact:detail", args=[m.pk]),
            )
        )
        texts.append(items.text_of(m))
    prepared = [T.prepare(t) for t in texts]
    if not any(prepared):
        return Index(key, entries, None, None, prepared)
    vec = TfidfVectorizer(analyzer=_split, sublinear_tf=True)
    return Index(key, entries, vec, vec.fit_transform(prepared), prepared)


def index_for(body) -> Index:
    key = _key(body)
    with _lock:
        idx = _indexes.get(body.pk)
        if idx is None or idx.key != key:
            idx = _build(body, key)
            _indexes[body.pk] = idx
        return idx


def _terms(vec, q, row, limit: int = 6) -> list[str]:
    both = q.multiply(row)
    if both.nnz == 0:
        return []
    names = vec.get_feature_names_out()
    order = np.argsort(-both.data)
    terms = [names[both.indices[i]].replace("_", "") for i in order]
    return [t for t in terms if not t.isdigit()][:limit]  # numbers match by accident; they explain nothing


def similar_items(
    text: str | None, *, body, exclude: tuple[str, int] | None = None, limit: int = 8
) -> list[Match]:
    """The most similar items of the body's corpus at or above the policy threshold, each with shared terms."""
    if T.signal(text) < 4:
        return []
    idx = index_for(body)
    if idx.vectorizer is None:
        return []
    q = idx.vectorizer.transform([T.prepare(text)])
    if q.nnz == 0:
        return []
    sims = (idx.matrix @ q.T).toarray().ravel()
    threshold = policy.resolve(InsightPolicy, body).similar_threshold / 100
    merged = _merged_keys(body)
    out = []
    for i in np.argsort(-sims):
        if sims[i] < threshold or len(out) >= limit:
            break
        e = idx.entries[i]
        if exclude and (e.kind, e.pk) == (exclude[0], int(exclude[1])):
            continue
        out.append(
            Match(e, float(sims[i]), _terms(idx.vectorizer, q, idx.matrix[i]), (e.kind, str(e.pk)) in merged)
        )
    return out


def _merged_keys(body) -> set:
    rows = MergeLink.objects.filter(body=body).select_related("primary_type", "merged_type")
    keys = set()
    for r in rows:
        keys.add((r.primary_type.model, r.primary_id))
        keys.add((r.merged_type.model, r.merged_id))
    return keys


def merge_group(obj) -> dict:
    """The 并案 group of an item, read both ways: its primary and every item merged into it, with authors."""
    kind, pk = items.kind_of(obj), str(obj.pk)
    ct = items.content_type(kind)
    up = MergeLink.objects.filter(merged_type=ct, merged_id=pk).select_related("primary_type").first()
    p_kind, p_pk = (up.primary_type.model, up.primary_id) if up else (kind, pk)
    links = list(
        MergeLink.objects.filter(primary_type=items.content_type(p_kind), primary_id=p_pk).select_related(
            "merged_type", "by"
        )
    )
    members = [(p_kind, p_pk, None)] + [(lk.merged_type.model, lk.merged_id, lk) for lk in links]
    rows = []
    for k, i, link in members:
        o = items.model_of(k).objects.filter(pk=i).first()
        if o is None:
            continue
        rows.append(
            {
                "kind": k,
                "obj": o,
                "link": link,
                "authors": _authors(o),
                "primary": link is None,
                "url": reverse("suggestions:detail" if k == "suggestion" else "contact:detail", args=[o.pk]),
            }
        )
    return {"members": rows if links else [], "is_merged": up is not None}


def _authors(obj) -> list[str]:
    if items.kind_of(obj) == "message":
        return [obj.voter_name or "选民"]
    return [_person(obj.lead)] + [
        _person(c.mandate) for c in obj.cosigners.all() if getattr(c, "mandate", None)
    ]


def _shingles(s: str, k: int = 3) -> set[bytes]:
    s = T.chars(T.prepare(s))
    return {s[i : i + k].encode() for i in range(max(1, len(s) - k + 1))} if s else set()


def campaigns(rows: list[tuple[object, str]], *, threshold: float = 0.7, min_size: int = 3) -> list[list]:
    """Group near-identical texts: rows are (key, text); returns groups of keys (largest first)."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=64)
    hashes = {}
    for key, text in rows:
        sh = _shingles(text)
        if len(sh) < 5:
            continue
        m = MinHash(num_perm=64, seed=1)
        m.update_batch(list(sh))
        hashes[key] = m
        lsh.insert(key, m)
    parent = {k: k for k in hashes}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for k, m in hashes.items():
        for other in lsh.query(m):
            a, b = find(k), find(other)
            if a != b:
                parent[a] = b
    groups: dict = {}
    for k in hashes:
        groups.setdefault(find(k), []).append(k)
    return sorted((g for g in groups.values() if len(g) >= min_size), key=len, reverse=True)


def body_campaigns(body, *, start: date, end: date) -> list[list]:
    """Campaigns among the body's voters' messages received in [start, end]."""
    from renda.contact.models import Message

    pol = policy.resolve(InsightPolicy, body)
    msgs = Message.objects.filter(
        body__in=body.descendants(), received_at__date__gte=start, received_at__date__lte=end
    )
    by_pk = {m.pk: m for m in msgs.only("pk", "title", "content", "received_at")}
    groups = campaigns(
        [(pk, items.text_of(m)) for pk, m in by_pk.items()], threshold=pol.campaign_threshold / 100
    )
    return [[by_pk[k] for k in sorted(g)] for g in groups]
