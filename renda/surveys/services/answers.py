"""Answers: online (named audience), public by link/QR (one per device, rate-limited), on paper.

Every write is one transaction, so a refused answer leaves neither a participation nor a response behind
(issue 18 "Bad input")."""

from __future__ import annotations

import hashlib

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from renda.core import audit
from renda.core.errors import NotPermitted, Refused

from .. import ratelimit
from ..definition import clean_answers, compile_
from ..models import (
    Channel,
    Participation,
    Response,
    Survey,
)
from .common import DEVICE_SALT, _lock, _staff


def _require_open(survey: Survey) -> None:
    status = survey.status()
    if status == "draft":
        raise Refused("survey_not_published", "该问卷尚未发布")
    if status == "scheduled":
        raise Refused(
            "survey_not_open", f"该问卷将于 {timezone.localtime(survey.opens_at):%Y-%m-%d %H:%M} 开始填写"
        )
    if status == "closed":
        raise Refused(
            "survey_closed",
            f"该问卷已于 {timezone.localtime(survey.closes_at):%Y-%m-%d %H:%M} 截止，不能再提交",
        )


def _store(survey: Survey, clean: dict, participation: Participation, *, respondent) -> Response:
    """Participation and response in one transaction; the unique participation is the one-answer rule, so two
    concurrent submissions from one person (or device) store one answer set, never two."""
    try:
        with transaction.atomic():
            participation.save()
            return Response.objects.create(
                survey=survey,
                answers=clean,
                channel=participation.channel,
                respondent=None if survey.anonymous else respondent,
                submitted_at=None if survey.anonymous else participation.at,
            )
    except IntegrityError:
        if participation.device_hash:
            raise Refused("survey_already_answered", "本设备已经填写过该问卷，每台设备只能填写一次") from None
        raise Refused("survey_already_answered", "该人员已经填写过本问卷，每人只能填写一次") from None


@transaction.atomic
def answer(survey: Survey, raw: dict, *, by) -> Response:
    """A named respondent's answers (one each). Refuses someone not asked, a second answer, a survey not open,
    any out-of-range or missing required answer — and then stores nothing."""
    if survey.is_public:
        raise Refused("survey_public", "本问卷面向社会公众，请通过公开链接填写")
    if not survey.invitees.filter(user=by).exists():
        raise NotPermitted("survey_not_invited", "您不在本问卷的填写范围内")
    _require_open(survey)
    if survey.participations.filter(user=by).exists():
        raise Refused("survey_already_answered", "您已经填写过本问卷，每人只能填写一次")
    clean = clean_answers(compile_(survey), raw)
    return _store(survey, clean, Participation(survey=survey, user=by, channel=Channel.ONLINE), respondent=by)


def new_device_token() -> str:
    import secrets

    return signing.dumps(secrets.token_urlsafe(16), salt=DEVICE_SALT, compress=False)


def device_hash(token: str, survey: Survey) -> str:
    """The device's id for this survey, or a refusal for a token we did not sign."""
    try:
        value = signing.loads(token, salt=DEVICE_SALT)
    except signing.BadSignature:
        raise Refused("survey_device", "页面已失效，请重新打开问卷链接后填写") from None
    return hashlib.sha256(f"{survey.pk}:{value}".encode()).hexdigest()


def answer_public(survey: Survey, raw: dict, *, device: str, ip: str | None) -> Response:
    """A public answer: one per device (a signed token kept in a cookie), rate-limited per address."""
    if not survey.is_public:
        raise Refused("survey_not_public", "本问卷不对社会公众开放")
    ratelimit.hit_answer(ip)
    _require_open(survey)
    digest = device_hash(device, survey)
    clean = clean_answers(compile_(survey), raw)
    return _store(
        survey,
        clean,
        Participation(survey=survey, device_hash=digest, channel=Channel.ONLINE),
        respondent=None,
    )


@transaction.atomic
def enter_paper(survey: Survey, raw: dict, *, respondent=None, by) -> Response:
    """Staff type in a paper questionnaire. For a named survey the respondent is ticked off (one answer each);
    paper forms handed in before the closing time may be typed in afterwards."""
    survey = _lock(survey)
    _staff(by, survey, "录入纸质问卷")
    if not survey.published_at:
        raise Refused("survey_not_published", "该问卷尚未发布")
    if not survey.is_public:
        if respondent is None:
            raise Refused("paper_respondent", "请选择这份纸质问卷的填写人")
        if not survey.invitees.filter(user=respondent).exists():
            raise Refused("survey_not_invited", "所选人员不在本问卷的填写范围内")
    clean = clean_answers(compile_(survey), raw)
    part = Participation(survey=survey, user=respondent, channel=Channel.PAPER, entered_by=by)
    r = _store(survey, clean, part, respondent=respondent)
    audit.record("survey.paper", survey, by=by, after={"channel": "paper"})
    if survey.status() == "closed":
        Survey.objects.filter(pk=survey.pk).update(sealed_at=None)  # typed in after closing: seal again
    return r
