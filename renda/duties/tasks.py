"""Periodic work of the duties app (Huey), with its schedule."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(hour="5", minute="40"))
def evaluate_triggers() -> dict:
    """Every night: raise talk cases, resignation recommendations and missing-minimum flags for every body that
    keeps duty records, and tell deputies by inbox what they still lack (once per year). Safe to run twice."""
    from renda.core.models import Body
    from renda.notify import services as notify

    from . import services
    from .choices import TriggerKind, TriggerStatus
    from .models import DutyRecord, Trigger

    today = timezone.localdate()
    years = [today.year - 1, today.year] if today.month == 1 else [today.year]
    made = {}
    for body in Body.objects.filter(pk__in=DutyRecord.objects.values("body_id").distinct()):
        for year in years:
            made[f"{body.pk}/{year}"] = services.evaluate_year(body, year, today=today)
    for t in Trigger.objects.filter(
        kind=TriggerKind.MINIMUM_MISSING,
        year=today.year,
        status=TriggerStatus.OPEN,
        mandate__person__user__isnull=False,
    ).select_related("mandate__person__user"):
        notify.send(
            t.mandate.person.user,
            title=f"{today.year}年最低履职要求尚未完成",
            body="尚未完成：" + "、".join(t.detail.get("missing", [])),
            url="/work/duties/mine/",
            dedupe_key=f"duties:minimum:{t.pk}",
        )
    return made
