"""近期会议 from meetings.selectors."""

from datetime import timedelta

from django.urls import reverse

from ..panels import Context, figure, row


def upcoming_meetings(ctx: Context) -> dict | None:
    """近期会议: the meetings of the next 30 days in the viewer's scope (meetings.selectors)."""
    from datetime import datetime, time

    from django.utils import timezone

    from renda.meetings import selectors as meetings
    from renda.meetings.models import State

    start = timezone.make_aware(datetime.combine(ctx.on, time.min))
    qs = (
        meetings.meetings_in_scope(ctx.user)
        .filter(starts_at__gte=start, starts_at__lt=start + timedelta(days=30))
        .exclude(status=State.CANCELLED)
        .order_by("starts_at")
    )
    found = list(qs[:8])
    rows = [
        row(
            m.title,
            f"{timezone.localtime(m.starts_at):%m-%d %H:%M}",
            url=reverse("meetings:detail", args=[m.pk]),
            note=m.get_status_display(),
        )
        for m in found
    ]
    return figure(
        definition=f"{ctx.on:%Y-%m-%d} 起 30 天内召开的会议（不含已取消），按开始时间排列。",
        n=qs.count(),
        url=reverse("meetings:home"),
        rows=rows,
        unit="次",
    )
