"""Hot topics (热点): topics of a period, each against its own baseline (a burst, not just a count).

Method (docs/insight.md; wave2-references (f)):
1. the period's messages, TF-IDF of jieba words; seeds taken in order of support (likes) then time, each
   gathering the unassigned messages with cosine ≥ 0.30 to it (jesHrz/tipdm's seeding, one pass);
   then clusters whose centroids have cosine ≥ 0.35 merge (one event, several wordings);
2. baseline: the same topic (cosine ≥ 0.30 to the seed) in each of the `hot_baseline_periods` earlier
   periods of the same length; burst = (count − mean) / max(std, 1);
3. heat = ln(1 + distinct reporters) + 1.0·ln(1 + supports) + 0.5·max(0, burst) — every term is shown;
   one person's repeated posts count once (distinct reporters).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from .. import text as T

SIMILAR = 0.30
MERGE = 0.35
A_SUPPORT = 1.0
B_BURST = 0.5


@dataclass
class Doc:
    key: object
    text: str
    when: date
    reporter: str = ""
    supports: int = 0
    station: str = ""
    township: str = ""
    category: str = ""
    title: str = ""
    url: str = ""


@dataclass
class Topic:
    rank: int
    terms: list[str]
    docs: list[Doc]
    reporters: int
    supports: int
    count: int
    baseline: list[int]
    burst: float
    heat: float
    first: date
    last: date
    by_station: list = field(default_factory=list)
    by_township: list = field(default_factory=list)
    by_category: list = field(default_factory=list)
    sample: int = 1  # 1 = every message was read; k = one message in k (a scope larger than the cap)

    @property
    def parts(self) -> dict:
        return {
            "reporters": round(math.log1p(self.reporters), 2),
            "supports": round(A_SUPPORT * math.log1p(self.supports), 2),
            "burst": round(B_BURST * max(0.0, self.burst), 2),
        }

    @property
    def title(self) -> str:
        return self.docs[0].title if self.docs else "、".join(self.terms)


def _count(values) -> list:
    out: dict = {}
    for v in values:
        if v:
            out[v] = out.get(v, 0) + 1
    return sorted(out.items(), key=lambda kv: -kv[1])[:3]


def rank_topics(
    docs: list[Doc], *, start: date, end: date, periods: int = 8, limit: int = 10, min_size: int = 2
) -> list[Topic]:
    """Topics of the docs dated in [start, end]; earlier docs form each topic's baseline."""
    length = (end - start).days + 1
    now = [d for d in docs if start <= d.when <= end]
    base_start = start - timedelta(days=length * periods)
    past = [d for d in docs if base_start <= d.when < start]
    if not now:
        return []
    prepared = [T.prepare(d.text) for d in now + past]
    if not any(prepared):
        return []
    vec = TfidfVectorizer(analyzer=str.split, sublinear_tf=True, min_df=1)
    X = vec.fit_transform(prepared)
    Xn, Xp = X[: len(now)], X[len(now) :]
    S = (Xn @ Xn.T).tocsr()
    order = sorted(range(len(now)), key=lambda i: (-now[i].supports, now[i].when))
    free = np.ones(len(now), dtype=bool)
    names = vec.get_feature_names_out()
    clusters = []
    for seed in order:
        if not free[seed]:
            continue
        row = S.getrow(seed)
        members = [j for j, s in zip(row.indices, row.data, strict=True) if s >= SIMILAR and free[j]]
        if seed not in members:
            members.append(seed)
        free[members] = False
        clusters.append((seed, members))
    for _ in range(3):  # merged centroids move: merge again until nothing joins
        before = len(clusters)
        clusters = _merge_events(clusters, Xn)
        if len(clusters) == before:
            break
    topics = []
    for seed, members in clusters:
        if len(members) < min_size:
            continue
        group = [now[j] for j in members]
        baseline = [0] * periods
        if Xp.shape[0]:
            sims = (Xp @ Xn[seed].T).toarray().ravel()
            for d, s in zip(past, sims, strict=True):
                if s >= SIMILAR:
                    k = (start - d.when).days // length
                    if 0 <= k < periods:
                        baseline[k] += 1
        mean = float(np.mean(baseline)) if baseline else 0.0
        std = float(np.std(baseline)) if baseline else 0.0
        burst = (len(group) - mean) / max(std, 1.0)
        reporters = len({d.reporter or f"#{d.key}" for d in group})
        supports = sum(d.supports for d in group)
        heat = math.log1p(reporters) + A_SUPPORT * math.log1p(supports) + B_BURST * max(0.0, burst)
        weights = np.asarray(Xn[members].sum(axis=0)).ravel()
        terms = [names[i] for i in np.argsort(-weights)[:5]]
        group.sort(key=lambda d: (-d.supports, d.when))
        topics.append(
            Topic(
                0,
                terms,
                group,
                reporters,
                supports,
                len(group),
                baseline[::-1],
                round(burst, 2),
                round(heat, 3),
                min(d.when for d in group),
                max(d.when for d in group),
                _count(d.station for d in group),
                _count(d.township for d in group),
                _count(d.category for d in group),
            )
        )
    topics.sort(key=lambda t: -t.heat)
    for i, t in enumerate(topics[:limit], 1):
        t.rank = i
    return topics[:limit]


def _merge_events(clusters: list, X) -> list:
    """One event in different wordings is one topic: clusters whose centroids have cosine ≥ MERGE join
    (the contest's lesson: three of a top five were the same case)."""
    from scipy.sparse import csr_matrix
    from sklearn.preprocessing import normalize

    if len(clusters) < 2:
        return clusters
    rows, cols = [], []
    for k, (_, members) in enumerate(clusters):
        rows += [k] * len(members)
        cols += members
    A = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(clusters), X.shape[0]))
    C = normalize(A @ X)
    sims = (C @ C.T).tocoo()
    parent = list(range(len(clusters)))

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, b, v in zip(sims.row, sims.col, sims.data, strict=True):
        if a < b and v >= MERGE:
            parent[find(b)] = find(a)
    merged: dict = {}
    for k, (seed, members) in enumerate(clusters):
        root = find(k)
        if root in merged:
            merged[root][1].extend(members)
        else:
            merged[root] = (seed, list(members))
    return list(merged.values())


def max_messages() -> int:
    """At most this many messages are read for one hot-topic computation (period and baseline together):
    jieba and the clustering cost ~1 ms a message, so a province's year (2 M messages) would take hours."""
    from django.conf import settings

    return int(getattr(settings, "INSIGHT_HOT_MAX_MESSAGES", 20_000))


def _body_docs(
    body, since: date, *, station=None, township=None, category: str = "", cap: int | None = None
) -> tuple[list[Doc], int]:
    """The messages from `since` on, and the sampling step: above `cap` messages, one in every k (by id,
    so the same messages every time and spread evenly over the whole window, period and baseline alike)."""
    from django.db.models.functions import Mod
    from django.urls import reverse

    from renda.contact.models import Message

    from .. import items

    qs = Message.objects.filter(body__in=body.descendants(), received_at__date__gte=since).select_related(
        "station", "township"
    )
    if station:
        qs = qs.filter(station=station)
    if township:
        qs = qs.filter(township=township)
    if category:
        qs = qs.filter(category=category)
    step = 1
    if cap and (n := qs.count()) > cap:
        step = -(-n // cap)
        qs = qs.alias(_bucket=Mod("id", step)).filter(_bucket=0)
    return [
        Doc(
            m.pk,
            items.text_of(m),
            m.received_at.date(),
            m.voter_name or f"#{m.pk}",
            0,
            m.station.name if m.station_id else "",
            m.township.name if m.township_id else "",
            m.get_category_display(),
            m.title,
            reverse("contact:detail", args=[m.pk]),
        )
        for m in qs.only(
            "pk",
            "title",
            "content",
            "received_at",
            "voter_name",
            "category",
            "station__name",
            "township__name",
        )
    ], step


def hot_topics(
    body, start: date, end: date, limit: int = 10, *, station=None, township=None, category: str = ""
) -> list[Topic]:
    """The body's hot topics in [start, end] (its voters' messages; filter by station, township, category).

    Voters' messages carry no likes, so supports are 0 here and the heat is reporters + burst. A window
    (the period and its baseline periods) with more than `max_messages()` messages is read one message in
    k (`Topic.sample`): counts are then those of the sample, and every screen says so.
    """
    from renda.core import policy

    from ..models import InsightPolicy

    periods = policy.resolve(InsightPolicy, body).hot_baseline_periods
    since = start - timedelta(days=((end - start).days + 1) * periods)
    docs, step = _body_docs(
        body, since, station=station, township=township, category=category, cap=max_messages()
    )
    topics = rank_topics(docs, start=start, end=end, periods=periods, limit=limit)
    for t in topics:
        t.sample = step
    return topics


def shared_docs() -> list[Doc]:
    """附件3 of the shared data (messages with likes), read at run time; [] when absent."""
    from ..ml import data

    out = []
    for r in data.read_csv(data.HOT):
        try:
            when = datetime.strptime((r.get("留言时间") or "")[:10], "%Y-%m-%d").date()
        except ValueError:
            continue
        try:
            likes = max(0, int(float(r.get("点赞数") or 0)))
        except ValueError:
            likes = 0
        out.append(
            Doc(
                r.get("留言编号", ""),
                (r.get("留言主题") or "") + "\n" + (r.get("留言详情") or ""),
                when,
                r.get("留言用户", ""),
                likes,
                title=r.get("留言主题", ""),
            )
        )
    return out


def hot_topics_shared(start: date, end: date, limit: int = 10, periods: int = 8) -> list[Topic]:
    return rank_topics(shared_docs(), start=start, end=end, periods=periods, limit=limit)
