"""The dispatcher: claim due outbox rows, deliver them, record each attempt; check "unknown" results.

Claiming (wave2-references.md (d) 3): on PostgreSQL `SELECT … FOR UPDATE SKIP LOCKED`, so several
dispatchers share the queue; on SQLite the claim is one IMMEDIATE write transaction (the database lock).
A claimed row is `sending`. If the worker dies there (killed between the provider call and the commit), the
row stays `sending`: after NOTIFY_LEASE_SECONDS it goes to `checking`, never straight back to the queue —
the provider may have it. The check asks the gateway for the receipt by the same key: found → sent;
absent → queued again (the provider never had it); no answer → checked again, at most policy.max_checks
times, then dead. SMTP has no receipt to ask: a stale e-mail is sent again with the same Message-ID.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from renda.core.crypto import lookup_hash

from .. import channels as ch
from ..models import OPEN, Attempt, Channel, Outbox, Status
from .outbox import policy_for

MAX_DELAY = 6 * 3600


def lease_seconds() -> int:
    return int(ch.conf("NOTIFY_LEASE_SECONDS", "300"))


def backoff(attempts: int, base: int) -> timedelta:
    """Exponential with full jitter over the upper half: base·2^(n-1) … capped at 6 hours."""
    delay = min(MAX_DELAY, base * 2 ** max(0, attempts - 1))
    return timedelta(seconds=delay * (0.5 + random.random() / 2))


def claim(*, limit: int, now: datetime, channel: str | None = None) -> list[Outbox]:
    with transaction.atomic():
        qs = Outbox.objects.filter(status__in=OPEN, next_attempt_at__lte=now)
        if channel:
            qs = qs.filter(channel=channel)
        qs = qs.order_by("-urgent", "next_attempt_at", "id")
        if connection.vendor == "postgresql":
            qs = qs.select_for_update(skip_locked=True)
        ids = list(qs.values_list("id", flat=True)[:limit])
        if not ids:
            return []
        Outbox.objects.filter(id__in=ids, status__in=OPEN).update(
            status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    return list(
        Outbox.objects.filter(id__in=ids, status=Status.SENDING, claimed_at=now).select_related("user__body")
    )


def _policy(cache: dict, row: Outbox):
    body = getattr(row.user, "body", None) if row.user_id else None
    k = body.pk if body is not None else None
    if k not in cache:
        cache[k] = policy_for(body)
    return cache[k]


def _settle(row: Outbox, res: ch.Result, now: datetime, pol, log: list, *, kind: str = "send") -> None:
    """Apply one result to the row (in memory) and log it."""
    log.append(Attempt(outbox=row, at=now, kind=kind, result=res.result, error=res.error[:500]))
    if res.result == ch.SENT:
        row.status, row.sent_at, row.last_error = Status.SENT, now, ""
        row.provider_ref = res.ref[:120]
    elif res.result == ch.UNKNOWN:
        row.status, row.last_error = Status.CHECKING, res.error[:500]
        row.next_attempt_at = now + timedelta(seconds=30)
    elif res.result == ch.PERMANENT:
        row.status, row.last_error = Status.DEAD, res.error[:500]
    elif res.result == ch.RETRY:
        if row.attempts >= pol.max_attempts:
            row.status, row.last_error = Status.DEAD, f"已尝试 {row.attempts} 次：{res.error}"[:500]
        else:
            row.status, row.last_error = Status.RETRY, res.error[:500]
            row.next_attempt_at = now + backoff(row.attempts, pol.retry_base_seconds)
    if row.expires_at and row.status == Status.RETRY and row.next_attempt_at > row.expires_at:
        row.status, row.last_error = Status.DEAD, f"已过有效期：{res.error}"[:500]


def _write(rows: list[Outbox]) -> None:
    """The results of a claim in one UPDATE … FROM (VALUES …) per 500 rows. Django's bulk_update builds a
    CASE per field and row: it took half of the dispatcher's time (benchmarks/modules/notify.py)."""
    ops, pg = connection.ops, connection.vendor == "postgresql"
    table = connection.ops.quote_name(Outbox._meta.db_table)
    ts = (lambda c: f"CAST(v.{c} AS timestamp with time zone)") if pg else (lambda c: f"v.{c}")
    num = (lambda c: f"CAST(v.{c} AS integer)") if pg else (lambda c: f"v.{c}")
    for i in range(0, len(rows), 500):
        chunk = rows[i : i + 500]
        params: list = []
        for r in chunk:
            params += [
                r.pk,
                r.status,
                ops.adapt_datetimefield_value(r.sent_at),
                r.last_error,
                r.provider_ref,
                ops.adapt_datetimefield_value(r.next_attempt_at),
                r.checks,
            ]
        values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(chunk))
        sql = (
            f"UPDATE {table} SET status = v.column2, sent_at = {ts('column3')}, last_error = v.column4, "  # noqa: S608
            f"provider_ref = v.column5, next_attempt_at = {ts('column6')}, checks = {num('column7')} "
            f"FROM (VALUES {values}) AS v WHERE {table}.id = {num('column1') if pg else 'v.column1'}"
        )
        with connection.cursor() as cur:
            cur.execute(sql, params)


def _save(rows: list[Outbox], log: list[Attempt]) -> None:
    with transaction.atomic():
        _write(rows)
        Attempt.objects.bulk_create(log, batch_size=1000)
        for r in rows:
            if r.status == Status.DEAD and r.fallback:
                _fall_back(r)


def _fall_back(row: Outbox) -> None:
    """WeChat failed for good: queue the SMS prepared at enqueue (same event, its own key), to the user's
    current number (preference, else account)."""
    from ..models import Preference

    if row.user_id is None:
        return
    pref = Preference.objects.filter(user_id=row.user_id).first()
    if pref is not None and not pref.sms_on:
        return
    phone = ch.normal_phone((pref.phone if pref and pref.phone else row.user.phone) or "")
    if not phone:
        return
    for f in row.fallback:
        Outbox.objects.bulk_create(
            [
                Outbox(
                    key=f["key"],
                    event=row.event,
                    channel=Channel.SMS,
                    user_id=row.user_id,
                    body_id=row.body_id,
                    address=phone,
                    address_hash=lookup_hash(phone) or "",
                    template=row.template,
                    subject=row.subject,
                    text=f.get("text") or row.subject,
                    url=row.url,
                    urgent=row.urgent,
                    next_attempt_at=timezone.now(),
                    expires_at=row.expires_at,
                )
            ],
            ignore_conflicts=True,
        )


def dispatch(
    *,
    limit: int = 500,
    now: datetime | None = None,
    batches: int = 1000,
    adapters=None,
    parallel: bool = False,
) -> dict:
    """Deliver what is due, `limit` rows per claim, until nothing is due (or `batches` claims). Safe to run
    twice and concurrently. `parallel`: one thread per channel, each with its own database connection and
    provider connection, so a slow SMTP server does not hold the SMS back. Returns counts per result."""
    if not parallel:
        return _loop(None, limit=limit, now=now, batches=batches, adapters=adapters)
    import threading

    results: list[dict] = []

    def work(channel: str) -> None:
        try:
            results.append(_loop(channel, limit=limit, now=now, batches=batches, adapters=None))
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(c,)) for c in Channel.values]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total: dict[str, int] = defaultdict(int)
    for r in results:
        for k, v in r.items():
            total[k] += v
    return dict(total)


def _loop(channel: str | None, *, limit: int, now: datetime | None, batches: int, adapters) -> dict:
    counts: dict[str, int] = defaultdict(int)
    pols: dict = {}
    adapters = adapters if adapters is not None else {}
    try:
        for _ in range(batches):
            at = now or timezone.now()
            rows = claim(limit=limit, now=at, channel=channel)
            if not rows:
                break
            log: list[Attempt] = []
            for row in rows:
                pol = _policy(pols, row)
                if row.expires_at and row.expires_at < at:
                    res = ch.Result(ch.PERMANENT, error="已过有效期，不再发送")
                else:
                    if row.channel not in adapters:
                        adapters[row.channel] = ch.adapter(row.channel)
                    res = adapters[row.channel].send(row)
                _settle(row, res, now or timezone.now(), pol, log)
                counts[res.result] += 1
            _save(rows, log)
            if now is not None and len(rows) < limit:
                break
    finally:
        for a in adapters.values():
            a.close()
    return dict(counts)


def recover(*, now: datetime | None = None) -> int:
    """Rows left `sending` by a dead worker: to `checking` (SMS, WeChat) or back to the queue (e-mail)."""
    now = now or timezone.now()
    stale = Outbox.objects.filter(
        status=Status.SENDING, claimed_at__lt=now - timedelta(seconds=lease_seconds())
    )
    n = stale.filter(channel=Channel.EMAIL).update(
        status=Status.RETRY, next_attempt_at=now, last_error="发送中断，重发"
    )
    n += stale.update(status=Status.CHECKING, next_attempt_at=now, last_error="发送中断，结果不明，待查回执")
    return n


def check(*, now: datetime | None = None, limit: int = 500) -> dict:
    """Ask the provider about every `checking` row that is due: never resend what it may already have."""
    now = now or timezone.now()
    counts: dict[str, int] = defaultdict(int)
    with transaction.atomic():
        rows = list(
            Outbox.objects.filter(status=Status.CHECKING, next_attempt_at__lte=now)
            .select_related("user__body")
            .order_by("next_attempt_at", "id")[:limit]
        )
    adapters: dict = {}
    pols: dict = {}
    log: list[Attempt] = []
    try:
        for row in rows:
            pol = _policy(pols, row)
            if row.channel not in adapters:
                adapters[row.channel] = ch.adapter(row.channel)
            res = adapters[row.channel].check(row)
            row.checks += 1
            counts[res.result] += 1
            log.append(Attempt(outbox=row, at=now, kind="check", result=res.result, error=res.error[:500]))
            if res.result == ch.SENT:
                row.status, row.sent_at, row.last_error = Status.SENT, now, "回执确认已送达"
                row.provider_ref = res.ref[:120] or row.provider_ref
            elif res.result == ch.MISSING:
                row.status, row.next_attempt_at = Status.QUEUED, now
                row.last_error = "回执确认服务商未收到，重新排队"
            elif res.result == ch.PERMANENT:
                row.status, row.last_error = Status.DEAD, res.error[:500]
            elif row.checks >= pol.max_checks:
                row.status = Status.DEAD
                row.last_error = f"查询 {row.checks} 次仍无法确认是否送达，未重发（避免重复）"
            else:
                row.next_attempt_at = now + backoff(row.checks, 30)
    finally:
        for a in adapters.values():
            a.close()
    if rows:
        with transaction.atomic():
            _write(rows)
            Attempt.objects.bulk_create(log, batch_size=1000)
    return dict(counts)


def retry(row: Outbox, *, by) -> Outbox:
    """Staff send a failed (dead) row again: back to the queue with fresh attempts."""
    from renda.core import audit
    from renda.core.errors import Refused

    with transaction.atomic():
        row = Outbox.objects.select_for_update().get(pk=row.pk)
        if row.status not in (Status.DEAD, Status.RETRY, Status.SKIPPED):
            raise Refused("notify_retry_not_failed", "只有失败或未发送的通知可以重发")
        if row.status == Status.SKIPPED and row.channel == Channel.SMS and "格式不正确" in row.last_error:
            raise Refused("notify_retry_bad_address", "收件人地址格式不正确，请先更正地址")
        before = audit.snapshot(row, ["status"])
        row.status, row.attempts, row.checks = Status.QUEUED, 0, 0
        row.next_attempt_at, row.last_error = timezone.now(), ""
        row.expires_at = timezone.now() + timedelta(hours=24)
        row.save(
            update_fields=["status", "attempts", "checks", "next_attempt_at", "last_error", "expires_at"]
        )
        audit.record("notify.retry", row, by=by, before=before, after=audit.snapshot(row, ["status"]))
    return row


def cleanup(*, now: datetime | None = None) -> int:
    """Delete finished outbox rows (sent, dead, skipped) and read inbox rows older than the retention
    period (policy.retention_days of the default policy; 90 days)."""
    from ..models import FINAL, Notification

    now = now or timezone.now()
    days = policy_for(None).retention_days
    cut = now - timedelta(days=days)
    n, _ = Outbox.objects.filter(status__in=FINAL, created_at__lt=cut).delete()
    m, _ = Notification.objects.filter(read_at__isnull=False, created_at__lt=cut).delete()
    return n + m


def run() -> dict:
    """The periodic job: recover stale claims, check unknowns, deliver, queue digests."""
    from .digest import queue_digests

    return {
        "recovered": recover(),
        "checked": check(),
        "digests": queue_digests(),
        "sent": dispatch(parallel=True),
        "cleaned": cleanup(),
    }
