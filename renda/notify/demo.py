"""Demo: a few days of deliveries in every state, so the outbox pages show what a county office sees."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from renda.core import demo as core_demo
from renda.core.models import User
from renda.core.roles import Role

from .models import Attempt, Outbox, Preference, Status
from .services import Address, notify


@core_demo.register(90, "通知")
@transaction.atomic
def load(county: core_demo.DemoCounty) -> None:
    if Outbox.objects.exists():
        return
    sc = county.standing_committee
    deputies = list(User.objects.filter(role=Role.DEPUTY).order_by("username")[:6])
    for i, u in enumerate(deputies):
        Preference.objects.get_or_create(
            user=u, defaults={"phone": f"1390000{i:04d}", "digest_on": i % 2 == 0}
        )
    now = timezone.now()
    titles = ["关于城关镇老旧小区加装电梯的建议", "关于治理县城河道的建议", "关于改善农村公路安全设施的建议"]
    for k, title in enumerate(titles):
        notify(
            deputies,
            "suggestion_replied",
            {"title": title, "due": f"{(now + timedelta(days=20)):%Y-%m-%d}"},
            channels=("inbox", "wechat", "sms"),
            event=f"demo:sugg:{k}:replied",
            body=sc,
            urgent=True,
        )
    for k in range(8):
        notify(
            [Address(phone=f"1380013{k:04d}", key=f"demo-voter{k}")],
            "contact_accepted",
            {
                "title": ["小区门口路灯不亮", "村道破损需要修补", "学校门口接送拥堵", "河道有垃圾"][k % 4],
                "link": "/messages/track/",
            },
            channels=("sms",),
            event=f"demo:contact:{k}:accept",
            body=sc,
            urgent=True,
        )
    rows = list(Outbox.objects.order_by("id"))
    for i, r in enumerate(rows):
        r.created_at = now - timedelta(hours=len(rows) - i)
        if i % 7 == 3:
            r.status, r.attempts, r.last_error = Status.DEAD, 6, "已尝试 6 次：短信网关错误（503）"
        elif i % 7 == 5:
            r.status, r.attempts, r.last_error = (
                Status.RETRY,
                2,
                "短信网关无法连接：[Errno 111] Connection refused",
            )
            r.next_attempt_at = now + timedelta(minutes=4)
        elif i % 11 == 6:
            r.status, r.attempts, r.checks = Status.CHECKING, 1, 1
            r.last_error = "短信网关超时，结果不明：timed out"
        elif i % 3:
            r.status, r.attempts, r.sent_at, r.provider_ref = Status.SENT, 1, r.created_at, r.key[-20:]
    Outbox.objects.bulk_update(
        rows,
        [
            "status",
            "attempts",
            "checks",
            "last_error",
            "next_attempt_at",
            "sent_at",
            "provider_ref",
            "created_at",
        ],
    )
    Attempt.objects.bulk_create(
        Attempt(
            outbox=r,
            at=r.created_at,
            result={"sent": "sent", "dead": "retry", "retry": "retry", "checking": "unknown"}.get(
                r.status, "retry"
            ),
            error=r.last_error,
        )
        for r in rows
        if r.attempts
    )
