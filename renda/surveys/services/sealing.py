"""Closing, sealing the anonymous answers (rewritten in random order) and publishing the results."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from renda.core import audit
from renda.core.errors import Refused

from ..models import (
    Response,
    Survey,
)
from .common import _forget, _lock, _staff


@transaction.atomic
def close(survey: Survey, *, by) -> Survey:
    """End answering now (the closing time becomes now)."""
    survey = _lock(survey)
    _staff(by, survey, "结束问卷")
    if survey.status() not in ("open", "scheduled"):
        raise Refused("survey_not_open", "问卷不在填写期间，无需结束")
    survey.closes_at = timezone.now()
    if survey.opens_at and survey.opens_at >= survey.closes_at:
        survey.opens_at = None
    survey.save(update_fields=["closes_at", "opens_at", "updated_at"])
    audit.record("survey.close", survey, by=by, after={"closes_at": survey.closes_at})
    _forget(survey)
    seal(survey)
    return survey


@transaction.atomic
def seal(survey: Survey) -> bool:
    """Cut the last trace between who answered and what, once answering is over (wave2-references.md lesson 2:
    delete the link when the poll closes). The response row carries no person, time or ordered id, but the
    database itself remembers: a participation and its response were written by one transaction (the same
    PostgreSQL `xmin`) and lie next to each other on disk. Rewriting the survey's answer sets in a random order
    in one transaction gives them all one `xmin` and a shuffled physical order. Safe to run twice; paper answers
    typed in afterwards are sealed by the next run. Returns whether anything was rewritten."""
    import random

    survey = _lock(survey)
    if survey.status() != "closed" or not survey.anonymous:
        return False
    rows = list(Response.objects.filter(survey=survey).values("id", "answers", "channel"))
    random.SystemRandom().shuffle(rows)
    Response.objects.filter(survey=survey).delete()
    Response.objects.bulk_create([Response(survey=survey, **r) for r in rows], batch_size=1000)
    survey.sealed_at = timezone.now()
    survey.save(update_fields=["sealed_at"])
    return bool(rows)


def seal_closed() -> int:
    """The periodic job: seal anonymous surveys whose closing time has passed since they were last sealed
    (closing by the clock needs no staff action). Safe to run twice."""
    from django.db.models import Q as DQ

    now = timezone.now()
    due = Survey.objects.filter(anonymous=True, published_at__isnull=False, closes_at__lte=now).filter(
        DQ(sealed_at__isnull=True) | DQ(sealed_at__lt=F("closes_at"))
    )
    return sum(1 for s in due if seal(s))


@transaction.atomic
def set_results_public(survey: Survey, public: bool, *, by) -> Survey:
    survey = _lock(survey)
    _staff(by, survey, "公开结果")
    if public and not survey.published_at:
        raise Refused("survey_draft", "草稿问卷没有结果可以公开")
    survey.results_public = public
    survey.save(update_fields=["results_public", "updated_at"])
    audit.record("survey.results_public", survey, by=by, after={"results_public": public})
    _forget(survey)
    return survey
