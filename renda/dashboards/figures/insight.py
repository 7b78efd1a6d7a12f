"""热点话题 from the insight app."""

from django.urls import reverse

from ..panels import Context, figure, row


def hot_topics(ctx: Context) -> dict | None:
    """热点: `renda.insight.selectors.hot_topics(body, start, end, limit)` — the body's voters' messages, each
    topic scored against its own earlier periods (insight). The panel hides when there is no topic."""
    from renda.insight import selectors as insight
    from renda.insight.selectors.hot import max_messages

    if ctx.body is None:  # no congress in the viewer's scope: no voters' messages to read
        return None
    topics = insight.hot_topics(ctx.body, ctx.start, ctx.end, 10)
    if not topics:
        return None
    hot_url = reverse("insight:hot") + f"?start={ctx.start:%Y-%m-%d}&end={ctx.end:%Y-%m-%d}"
    out = [
        row(
            " · ".join(t.terms[:3]) or t.title,
            t.count,
            url=hot_url,
            note=f"{t.reporters} 人反映，热度 {t.heat:.1f}（较前期 {t.burst:+.1f}）",
            n=t.count,
        )
        for t in topics
    ]
    step = topics[0].sample
    sampled = (
        f"范围内留言超过 {max_messages():,} 条，按编号每 {step} 条取 1 条计算，件数和人数为样本数。"
        if step > 1
        else ""
    )
    return figure(
        definition=(
            f"{ctx.start:%Y-%m-%d} 至 {ctx.end:%Y-%m-%d} 群众留言的热点话题：热度 = 反映人数 + 较本话题前几期的突增"
            "（insight 应用计算，同一人多次反映计一人）。" + sampled
        ),
        n=sum(t.count for t in topics),
        url=hot_url,
        rows=out,
    )
