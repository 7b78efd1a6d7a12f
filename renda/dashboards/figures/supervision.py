"""监督事项 from supervision.selectors."""

from django.urls import reverse

from ..panels import Context, figure, row


def supervision_due(ctx: Context) -> dict | None:
    """监督事项: what is late or open in this year's supervision (six counts through supervision's selectors,
    the same definitions as its overview page)."""
    from renda.supervision import selectors as supervision
    from renda.supervision.choices import FollowStatus, ItemStatus, OpinionStatus, WarningStatus

    items = supervision.items(ctx.user, year=ctx.year)
    followups = supervision.followups(ctx.user).filter(created_at__year=ctx.year)
    overview, followups_url = reverse("supervision:overview"), reverse("supervision:followups")
    late = items.filter(
        final_due__lt=ctx.on, materials_in__isnull=True, status__in=[ItemStatus.PLANNED, ItemStatus.PREPARING]
    )
    rows = [
        row(
            "审议意见逾期未报告办理情况",
            supervision.opinions(ctx.user)
            .filter(item__plan__year=ctx.year, status=OpinionStatus.SENT, report_due__lt=ctx.on)
            .count(),
            url=overview,
            tone="danger",
        ),
        row(
            "跟踪督办逾期未办结",
            followups.filter(status=FollowStatus.OPEN, due__lt=ctx.on).count(),
            url=followups_url,
            tone="danger",
        ),
        row("专项报告材料逾期未报送", late.count(), url=overview, tone="warning"),
        row("跟踪督办在办", followups.filter(status=FollowStatus.OPEN).count(), url=followups_url),
        row(
            "预算预警待处理",
            supervision.warnings(ctx.user).filter(year=ctx.year).exclude(status=WarningStatus.CLOSED).count(),
            url=reverse("supervision:warnings"),
        ),
    ]
    return figure(
        definition=(
            f"{ctx.year} 年度监督计划：审议意见按本机关时限规则的期限，跟踪督办按其自身期限，截至 {ctx.on:%Y-%m-%d}。"
        ),
        n=items.count(),
        url=overview,
        rows=rows,
    )
