"""A hypothesis state machine over notification delivery (issue 21 "hypothesis state machines"; issue 18
"Notifications"; wave2-references.md (d) "What a robust outbox must guarantee"): events enqueued (and enqueued
again), the dispatcher run against a provider that is up, down, refusing, or taking the SMS without answering,
receipts checked with or without an answer, a worker killed between claim and commit and the stale claim
recovered, staff re-sending — in random order with the clock moving. After each step: every row is in one of
the outbox's states, one row per (event, recipient, channel), nothing is delivered twice by the machinery, a
row marked sent was received, open rows have their next attempt, attempts stay within the policy, and a
refused re-send changes nothing.
"""

from datetime import datetime, timedelta

from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from renda.core.errors import Refused
from renda.notify import channels as ch
from renda.notify import services
from renda.notify.models import OPEN, Outbox, Status
from renda.notify.services import Address, notify

NOON = timezone.make_aware(datetime(2026, 12, 2, 12, 0))
CLOCK = [NOON]
MODES = ("ok", "down", "refuse", "took_no_answer", "lost_no_answer")


class Provider:
    """An SMS gateway in memory: what it received (by the row's key), and how it answers now."""

    def __init__(self) -> None:
        self.received: dict[str, int] = {}
        self.mode = "ok"
        self.answers_checks = True

    def send(self, row) -> ch.Result:
        if self.mode in ("ok", "took_no_answer"):
            self.received[row.key] = self.received.get(row.key, 0) + 1
        return {
            "ok": ch.Result(ch.SENT, ref=f"ref-{row.key}"),
            "down": ch.Result(ch.RETRY, error="503 网关不可用"),
            "refuse": ch.Result(ch.PERMANENT, error="号码无效"),
        }.get(self.mode, ch.Result(ch.UNKNOWN, error="超时"))

    def check(self, row) -> ch.Result:
        if not self.answers_checks:
            return ch.Result(ch.UNKNOWN, error="回执查询超时")
        return ch.Result(ch.SENT, ref="r") if row.key in self.received else ch.Result(ch.MISSING)

    def close(self) -> None:
        pass


class DeliveryMachine(RuleBasedStateMachine):
    ctx: dict = {}

    def __init__(self) -> None:
        super().__init__()
        Outbox.objects.all().delete()
        CLOCK[0] = NOON
        self.provider = Provider()
        self.ctx["monkeypatch"].setattr(ch, "adapter", lambda channel: self.provider)
        self.events: set[tuple[str, str]] = set()
        self.resent: set[str] = set()  # keys staff sent again: a second delivery is then theirs to decide
        self.n = 0

    @rule(again=st.booleans())
    def enqueue(self, again):
        if again and self.events:
            event, phone = sorted(self.events)[0]
            notify([Address(phone=phone)], "message", {"title": "会议通知"}, channels=("sms",), event=event)
        else:
            self._new_event()

    def _new_event(self) -> None:
        self.n += 1
        event, phone = f"ev{self.n}", f"1380000{self.n:04d}"
        notify([Address(phone=phone)], "message", {"title": "会议通知"}, channels=("sms",), event=event)
        self.events.add((event, phone))

    @rule(mode=st.sampled_from(MODES))
    def dispatch(self, mode):
        self.provider.mode = mode
        services.dispatch(now=CLOCK[0], adapters={"sms": self.provider})

    @rule(answers=st.booleans())
    def check(self, answers):
        self.provider.answers_checks = answers
        services.check(now=CLOCK[0])

    @rule(provider_got_it=st.booleans())
    def worker_killed_after_claim(self, provider_got_it):
        # An event comes in; the worker claims a row, maybe hands it to the provider, and dies before writing
        # the result (tests/notify/test_worker_killed.py kills a real process; here any step may follow).
        self._new_event()
        for row in services.claim(limit=1, now=CLOCK[0]):
            if provider_got_it:
                self.provider.received[row.key] = self.provider.received.get(row.key, 0) + 1

    @rule()
    def recover(self):
        services.recover(now=CLOCK[0])

    @rule(minutes=st.integers(0, 90))
    def time_passes(self, minutes):
        CLOCK[0] += timedelta(minutes=minutes)

    @rule(pick=st.integers(0, 30))
    def staff_resend(self, pick):
        rows = list(Outbox.objects.order_by("pk"))
        if not rows:
            return
        row = rows[pick % len(rows)]
        before = tuple(getattr(row, f.attname) for f in row._meta.concrete_fields)
        try:
            services.retry(row, by=self.ctx["staff"])
        except Refused:
            row.refresh_from_db()
            assert tuple(getattr(row, f.attname) for f in row._meta.concrete_fields) == before
            return
        assert before[[f.attname for f in row._meta.concrete_fields].index("status")] in (
            Status.DEAD,
            Status.RETRY,
            Status.SKIPPED,
        )
        self.resent.add(row.key)

    @invariant()
    def every_row_is_in_a_state_of_the_outbox(self):
        assert set(Outbox.objects.values_list("status", flat=True)) <= set(Status.values)

    @invariant()
    def one_row_per_event_recipient_and_channel(self):
        assert Outbox.objects.count() == len(self.events)
        assert Outbox.objects.values("key").distinct().count() == len(self.events)

    @invariant()
    def nothing_is_delivered_twice_by_the_machinery(self):
        for key, n in self.provider.received.items():
            assert n == 1 or key in self.resent, f"{key} delivered {n} times"

    @invariant()
    def a_row_marked_sent_was_received(self):
        for row in Outbox.objects.filter(status=Status.SENT):
            assert row.key in self.provider.received and row.sent_at is not None

    @invariant()
    def open_rows_have_their_next_attempt_and_attempts_stay_within_the_policy(self):
        for row in Outbox.objects.select_related("user__body"):
            if row.status in (*OPEN, Status.CHECKING):
                assert row.next_attempt_at is not None
            if row.status == Status.RETRY:
                assert row.attempts < services.policy_for(None).max_attempts
            if row.status == Status.CHECKING:
                assert row.checks < services.policy_for(None).max_checks


def test_the_notification_delivery_machine(monkeypatch, staff):
    monkeypatch.setattr(timezone, "now", lambda: CLOCK[0])
    DeliveryMachine.ctx = {"monkeypatch": monkeypatch, "staff": staff}
    run_state_machine_as_test(
        DeliveryMachine,
        settings=settings(
            max_examples=60,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )
