"""Benchmark `notify_delivery_rate` (issue 18 "Performance"): queue and deliver 100,000 notifications to local
SMTP and HTTP stand-ins, messages/s against a plain loop sending the same messages directly. Goal ≥ 0.5×.

- **Stand-ins:** `python -m renda.notify.standins` in its own process: aiosmtpd on loopback and an HTTP SMS
  gateway (the generic shape of renda/notify/channels.py). Each counts what it received by key (the
  e-mail's Message-ID, the SMS's out_id): "none lost, none duplicated" is counted there, not in our tables.
- **Ours:** `notify()` for 100 events × 1,000 recipients (half with an e-mail address, half with a mobile
  number, all distinct), which writes the outbox rows in the caller's transaction, then `dispatch()` until
  the queue is empty, one worker thread per channel (`dispatch(parallel=True)`, as the periodic task runs
  it): claims of 500 rows, one SMTP connection and one keep-alive HTTP connection per worker, each row's
  result and an attempt log row written back per claim. The clock covers both.
  The messages are marked urgent so that a run in the evening is not held to 08:00 by the quiet hours.
- **Baseline:** the same 100,000 messages sent by a plain loop straight to the same stand-ins (Django's
  SMTP backend on one connection; http.client on one keep-alive connection), no database.
One run of each (baseline first): together they take a few minutes on the 2-core machine.
In-process (the smoke tests) 600 messages are sent the same way by one worker (the test's transaction is not
visible to other threads) and only "none lost or duplicated" counts.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

from benchmarks.http import median
from benchmarks.registry import benchmark

FULL = 100_000
SMOKE = 600
PER_EVENT = 1_000
GOAL = 0.5


class StandIns:
    def __enter__(self):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "renda.notify.standins"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        ports = json.loads(self.proc.stdout.readline())
        self.smtp, self.http = ports["smtp"], ports["http"]
        self.url = f"http://127.0.0.1:{self.http}"
        return self

    def counts(self, prefix: str) -> dict:
        with urllib.request.urlopen(f"{self.url}/_counts?prefix={prefix}", timeout=30) as r:  # noqa: S310 (loopback)
            return json.loads(r.read())

    def reset(self) -> None:
        urllib.request.urlopen(self.url + "/_reset", timeout=30).read()  # noqa: S310

    def __exit__(self, *exc):
        self.proc.stdin.close()
        self.proc.wait(30)


def _configure(s: StandIns):
    """The stand-ins as the providers, for the benchmark only: an override undone when it ends (set on the
    settings object itself, they outlived the benchmark and sent every later test's SMS to a closed port)."""
    from django.test import override_settings

    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=s.smtp,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_TIMEOUT=30,
        NOTIFY_SMS_BACKEND="http",
        NOTIFY_SMS_URL=s.url,
        NOTIFY_SMS_SHAPE="generic",
        NOTIFY_SMS_TIMEOUT="30",
    )


def _recipient(run: str, i: int):
    from renda.notify.services import Address

    if i % 2:
        return Address(email=f"v{run}-{i}@example.cn", key=f"b{i}")
    return Address(phone=f"139{i:08d}", key=f"b{i}")


def baseline(n: int, run: str, url: str) -> float:
    """The plain loop: the same subjects, texts and addresses, sent directly."""
    from django.core import mail
    from django.core.mail import EmailMessage

    from renda.notify.channels import Http

    started = time.perf_counter()
    conn = mail.get_connection(fail_silently=False)
    conn.open()
    conn.connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # as the adapter does
    http = Http(url, 30)
    for i in range(n):
        r = _recipient(run, i)
        key = f"base{run}:e{i // PER_EVENT}:b{i}"
        if r.email:
            msg = EmailMessage(f"会议通知 {i // PER_EVENT}", "请按时参加。", to=[r.email], connection=conn)
            msg.extra_headers["Message-ID"] = f"<{key.replace(':', '.')}@renda.local>"
            msg.send()
        else:
            status, data = http.request(
                "POST", "/send", {"phone": r.phone, "text": "【人大】会议通知", "out_id": key}
            )
            assert status == 200 and data.get("ok"), data
    conn.close()
    http.close()
    return time.perf_counter() - started


def ours(n: int, run: str, parallel: bool = True) -> float:
    from django.db import connection

    from renda.notify import services
    from renda.notify.models import Outbox

    started = time.perf_counter()
    for e in range(0, n, PER_EVENT):
        services.notify(
            [_recipient(run, i) for i in range(e, min(n, e + PER_EVENT))],
            "message",
            {"title": f"会议通知 {e // PER_EVENT}", "body": "请按时参加。"},
            channels=("email", "sms"),
            event=f"bench{run}:e{e // PER_EVENT}",
            urgent=True,
        )
    services.dispatch(limit=500, parallel=parallel)
    elapsed = time.perf_counter() - started
    left = Outbox.objects.filter(event__startswith=f"bench{run}:").exclude(status="sent").count()
    if left:
        why = list(
            Outbox.objects.filter(event__startswith=f"bench{run}:")
            .exclude(status="sent")
            .values_list("last_error", flat=True)[:3]
        )
        raise RuntimeError(f"{left} notifications not delivered: {why}")
    Outbox.objects.filter(event__startswith=f"bench{run}:").delete()  # the attempt log goes with them
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE notify_outbox")
    return elapsed


def _check(counts: dict, n: int, who: str) -> None:
    half_mail = n // 2
    if counts["mail_unique"] != half_mail or counts["sms_unique"] != n - half_mail:
        raise RuntimeError(f"{who}: lost messages at the stand-ins: {counts}")
    if counts["mail_dupes"] or counts["sms_dupes"]:
        raise RuntimeError(f"{who}: duplicated messages at the stand-ins: {counts}")


@benchmark("notify_delivery_rate", better="higher", order=80, title="通知发送：10 万条经队列送达 vs 直接发送")
def notify_delivery_rate(ctx):
    n = SMOKE if ctx.in_process else FULL
    runs = 1  # a full run is 200,000 deliveries (ours and the baseline): minutes, not seconds
    ours_rates, base_rates = [], []
    with StandIns() as s, _configure(s):
        for k in range(runs):
            run = f"{os.getpid() % 1000:03d}{k}"
            s.reset()
            base_rates.append(n / baseline(n, run, s.url))
            _check(s.counts(f"base{run}"), n, "baseline")
            s.reset()
            ours_rates.append(n / ours(n, run, parallel=not ctx.in_process))
            _check(s.counts(f"bench{run}"), n, "ours")
    extra = {"messages": n, "runs": runs, "lost": 0, "duplicated": 0}
    goal = 0.0 if ctx.in_process else GOAL
    return median(ours_rates), median(base_rates), goal, "messages/s", extra
