"""Cached aggregates: each cached panel's figure per data scope and period, in Django's cache.

A live query for every figure would be too slow at province scale on every page view (issue 19): the figures
are kept for `DASHBOARDS_CACHE_SECONDS` (default 15 minutes) and recomputed by the periodic task
`dashboards_refresh` (renda/core/tasks.py, every 5 minutes) for every staff and leader scope, so a page
normally reads only the cache. A miss (a new period, a cold cache) computes in the request and stores. Each
figure keeps the moment it was computed, shown beside it.
"""

from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from . import panels
from .panels import Context, Rendered

VERSION = 1


def ttl() -> int:
    return int(getattr(settings, "DASHBOARDS_CACHE_SECONDS", 15 * 60))


def context_for(
    user, *, year: int, start: date | None = None, end: date | None = None, on: date | None = None
) -> Context:
    from renda.core.selectors import deputy_bodies

    on = on or timezone.localdate()
    start = start or date(year, 1, 1)
    end = end or date(year, 12, 31)
    return Context(user=user, body=deputy_bodies(user).first(), year=year, start=start, end=end, on=on)


def _key(ctx: Context, panel: panels.Panel) -> str:
    return f"dashboards:v{VERSION}:{panel.key}:{ctx.scope_key}:{ctx.year}:{ctx.start:%Y%m%d}:{ctx.end:%Y%m%d}"


def compute(ctx: Context, panel: panels.Panel) -> dict:
    data = panel.compute(ctx)
    return {"data": data, "computed_at": timezone.localtime().strftime("%Y-%m-%d %H:%M")}


def render_panels(ctx: Context, *, screen: bool = False, fresh: bool = False) -> list[Rendered]:
    """Each panel the viewer may see, from the cache where it is cached (one get_many for all of them)."""
    chosen = [p for p in panels.for_user(ctx.user) if p.screen or not screen]
    keys = {p.key: _key(ctx, p) for p in chosen if p.cached}
    stored = {} if fresh else cache.get_many(list(keys.values()))
    missing = {}
    out = []
    for p in chosen:
        entry = stored.get(keys[p.key]) if p.cached else None
        if entry is None:
            entry = compute(ctx, p)
            if p.cached:
                missing[keys[p.key]] = entry
        if entry["data"] is not None:
            out.append(Rendered(p, entry["data"], entry["computed_at"] if p.cached else "实时"))
    if missing:
        cache.set_many(missing, ttl())
    return out


def refresh(*, on: date | None = None) -> int:
    """Recompute every cached panel for each (role, body) of active staff and leaders, this year: safe to run
    twice (it only overwrites cache entries). Returns the number of entries written."""
    from renda.core.models import User

    on = on or timezone.localdate()
    seen: set[str] = set()
    written = 0
    users = User.objects.filter(is_active=True, role__in=panels.READERS, body__isnull=False).select_related(
        "body"
    )
    for user in users.order_by("body_id", "id"):
        ctx = context_for(user, year=on.year, on=on)
        if ctx.scope_key in seen:
            continue
        seen.add(ctx.scope_key)
        entries = {_key(ctx, p): compute(ctx, p) for p in panels.for_user(user) if p.cached}
        cache.set_many(entries, ttl())
        written += len(entries)
    return written
