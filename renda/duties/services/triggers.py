"""Triggers from policy (domain.md §3.1 Art. 62; §3.3 talks, 劝辞/责令辞职, "五个一") and talk cases."""

from datetime import date

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from renda.core import audit
from renda.core.errors import Refused
from renda.deputies import services as deputies_services
from renda.deputies.choices import CURRENT_STATUSES, ChangeKind
from renda.deputies.models import Mandate

from .. import permissions, scoring
from ..choices import Outcome, Review, TalkStatus, TriggerKind, TriggerStatus
from ..models import DutyRecord, TalkCase, Trigger
from .setup import policy_for, ruleset_for


def check_art62(mandate: Mandate) -> Trigger | None:
    """Two unapproved absences from congress sessions in a term end the mandate by law (代表法 Art. 62):
    raise the flag for staff; the registry ends the mandate only when staff confirm."""
    absences = list(
        DutyRecord.objects.filter(mandate=mandate, outcome=Outcome.ABSENT, duty_type__is_session=True)
        .order_by("on")
        .values_list("on", "title")
    )
    if len(absences) < policy_for(mandate.body).absences_end_mandate:
        return None
    trig, created = Trigger.objects.get_or_create(
        kind=TriggerKind.ART62,
        mandate=mandate,
        year=absences[-1][0].year,
        defaults={
            "body_id": mandate.body_id,
            "detail": {"absences": [f"{on:%Y-%m-%d} {title}" for on, title in absences]},
        },
    )
    if created:
        audit.record("duty.flag_art62", trig, after={"absences": len(absences)})
    return trig


@transaction.atomic
def confirm_art62(trigger: Trigger, *, on: date, document: str = "", by) -> Trigger:
    """Staff confirm the flag: the registry ends the mandate (deputies.services.end_mandate)."""
    trigger = Trigger.objects.select_for_update().select_related("mandate__body").get(pk=trigger.pk)
    permissions.require_manage(by, trigger.body, action="确认代表资格终止")
    if trigger.kind != TriggerKind.ART62 or trigger.status != TriggerStatus.OPEN:
        raise Refused("trigger_not_open", "该提示已处理")
    reason = "未经批准两次不出席本级人民代表大会会议（代表法第六十二条）：" + "；".join(
        trigger.detail.get("absences", [])
    )
    deputies_services.end_mandate(
        trigger.mandate, kind=ChangeKind.TERMINATED, on=on, reason=reason[:500], by=by, document=document
    )
    return _close(trigger, status=TriggerStatus.ACTED, note=f"已终止代表资格 {document}".strip(), by=by)


def _close(trigger: Trigger, *, status: str, note: str, by) -> Trigger:
    trigger.status, trigger.decision_note = status, note[:300]
    trigger.decided_by, trigger.decided_at = by, timezone.now()
    trigger.save(update_fields=["status", "decision_note", "decided_by", "decided_at"])
    audit.record(f"duty.trigger_{status}", trigger, by=by, after={"kind": trigger.kind, "note": note})
    return trigger


@transaction.atomic
def decide_trigger(trigger: Trigger, *, action: str, note: str, by) -> Trigger:
    """Mark a trigger handled (a recommendation sent to the electoral unit) or dismissed, with a note."""
    trigger = Trigger.objects.select_for_update().get(pk=trigger.pk)
    permissions.require_manage(by, trigger.body, action="处理履职提示")
    if trigger.status != TriggerStatus.OPEN:
        raise Refused("trigger_not_open", "该提示已处理")
    if not note.strip():
        raise Refused("trigger_needs_note", "请填写处理说明")
    return _close(
        trigger, status=TriggerStatus.ACTED if action == "act" else TriggerStatus.DISMISSED, note=note, by=by
    )


def _missing(body, year: int, mandate_ids: list[int]) -> dict[int, list[str]]:
    rs = ruleset_for(body, year)
    counts: dict[tuple[int, str], int] = {}
    for mid, code, n in (
        DutyRecord.objects.filter(
            body=body, year=year, status=Review.APPROVED, outcome=Outcome.ATTENDED, mandate_id__in=mandate_ids
        )
        .values_list("mandate_id", "duty_type__code")
        .annotate(n=Count("id"))
    ):
        counts[(mid, code)] = n
    out: dict[int, list[str]] = {}
    for req in rs.requirements.all():
        for mid in mandate_ids:
            if sum(counts.get((mid, c), 0) for c in req.type_codes) < req.min_count:
                out.setdefault(mid, []).append(req.label)
    return out


def evaluate_year(body, year: int, *, today: date | None = None, by=None) -> dict[str, int]:
    """Raise triggers for `year`: a poor band → a talk case; poor this year after a poor-band trigger last year →
    a resignation recommendation (劝辞 / since 2025 责令辞职); "五个一" minimums still missing. Safe to run
    twice; a fixed number of queries per body (bulk writes)."""
    today = today or timezone.localdate()
    start, end = scoring.year_bounds(year)
    mandates = Mandate.objects.filter(body=body, status__in=CURRENT_STATUSES, start_date__lte=end)
    made = {k: 0 for k in TriggerKind.values}
    ruleset_for(body, year)
    with transaction.atomic():
        this_year = scoring.scores(mandates, start=start, end=end)
        existing = {
            (k, m): pk
            for k, m, pk in Trigger.objects.filter(body=body, year=year).values_list(
                "kind", "mandate_id", "pk"
            )
        }
        new: list[Trigger] = []
        # A poor band is judged on the whole year: only once the year is in its last quarter or over.
        if today >= date(year, 10, 1):
            last_poor = set(
                Trigger.objects.filter(body=body, year=year - 1, kind=TriggerKind.POOR_BAND).values_list(
                    "mandate_id", flat=True
                )
            )
            for s in this_year:
                if not s.poor:
                    continue
                if (TriggerKind.POOR_BAND, s.mandate_id) not in existing:
                    new.append(
                        Trigger(
                            kind=TriggerKind.POOR_BAND,
                            mandate_id=s.mandate_id,
                            body=body,
                            year=year,
                            detail={"total": str(s.total), "band": s.band},
                        )
                    )
                if s.mandate_id in last_poor and (TriggerKind.POOR_TWO_YEARS, s.mandate_id) not in existing:
                    new.append(
                        Trigger(
                            kind=TriggerKind.POOR_TWO_YEARS,
                            mandate_id=s.mandate_id,
                            body=body,
                            year=year,
                            detail={"total": str(s.total), "years": [year - 1, year]},
                        )
                    )
        # Minimums are flagged from September so the deputy can still make them up before the year ends.
        if today >= date(year, 9, 1):
            for mid, labels in _missing(body, year, [s.mandate_id for s in this_year]).items():
                if (TriggerKind.MINIMUM_MISSING, mid) not in existing:
                    new.append(
                        Trigger(
                            kind=TriggerKind.MINIMUM_MISSING,
                            mandate_id=mid,
                            body=body,
                            year=year,
                            detail={"missing": labels},
                        )
                    )
        Trigger.objects.bulk_create(new, batch_size=1000)
        for t in new:
            made[t.kind] += 1
        talks = Trigger.objects.filter(body=body, year=year, kind=TriggerKind.POOR_BAND, talk__isnull=True)
        TalkCase.objects.bulk_create(
            [
                TalkCase(trigger_id=pk, mandate_id=mid, body=body, status=TalkStatus.PLANNED, created_by=by)
                for pk, mid in talks.values_list("pk", "mandate_id")
            ],
            batch_size=1000,
        )
        if new:
            audit.record(
                "duty.evaluate_year",
                body,
                by=by,
                after={"year": year, **{k: v for k, v in made.items() if v}},
            )
    return made


@transaction.atomic
def save_talk(
    talk: TalkCase,
    *,
    planned_on=None,
    held_on=None,
    talked_by: str = "",
    content: str = "",
    commitments: str = "",
    follow_up: str = "",
    status: str,
    by,
) -> TalkCase:
    """Record the talk: date, who talked, content, commitments, follow-up. Held needs a date and content."""
    talk = TalkCase.objects.select_for_update().get(pk=talk.pk)
    permissions.require_manage(by, talk.body, action="记录约谈")
    if status in (TalkStatus.HELD, TalkStatus.CLOSED) and not (
        held_on and talked_by.strip() and content.strip()
    ):
        raise Refused("talk_incomplete", "已约谈须填写约谈日期、约谈人和约谈内容")
    if status == TalkStatus.CLOSED and not follow_up.strip():
        raise Refused("talk_needs_follow_up", "办结前请填写跟踪情况")
    before = audit.snapshot(talk, ["status"])
    talk.planned_on, talk.held_on, talk.talked_by = planned_on, held_on, talk_by_clean(talked_by)
    talk.content, talk.commitments, talk.follow_up, talk.status = content, commitments, follow_up, status
    talk.save()
    if status == TalkStatus.CLOSED and talk.trigger_id and talk.trigger.status == TriggerStatus.OPEN:
        _close(talk.trigger, status=TriggerStatus.ACTED, note="约谈已办结", by=by)
    audit.record("duty.save_talk", talk, by=by, before=before, after={"status": status})
    return talk


def talk_by_clean(value: str) -> str:
    return " ".join(value.split())[:100]


def evaluate_all(today: date | None = None) -> dict:
    """Every night: raise talk cases, resignation recommendations and missing-minimum flags for every body that
    keeps duty records, and tell deputies by inbox what they still lack (once per year). Safe to run twice. Scheduled in renda/core/tasks.py."""
    from renda.core.models import Body
    from renda.notify import services as notify

    from ..choices import TriggerKind, TriggerStatus
    from ..models import DutyRecord, Trigger

    today = today or timezone.localdate()
    years = [today.year - 1, today.year] if today.month == 1 else [today.year]
    made = {}
    for body in Body.objects.filter(pk__in=DutyRecord.objects.values("body_id").distinct()):
        for year in years:
            made[f"{body.pk}/{year}"] = evaluate_year(body, year, today=today)
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
