"""/api/v1/surveys/…: staff lists and results, a respondent's answers, and the public form by link.

Answers are `{"<question id>": value}`: an option id (single choice, rating), a list of option ids (multiple
choice), `{"<row id>": option id}` (matrix) or text. Refusals (closed, out of range, a second answer, a
required answer missing) are 409 with a stable `code` and a Chinese `message`; nothing is stored.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Path, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from renda.api.schema import Error, NinjaDetail, Page, Text, responses, write_responses
from renda.core.context import client_ip
from renda.core.permissions import get_in_scope, require_business, require_role
from renda.core.roles import Role

from . import selectors, services
from .definition import compile_
from .models import Survey

router = Router(tags=["问卷调查"])

AnswerValue = (
    int
    | Annotated[list[int], Field(max_length=100)]
    | Annotated[dict[Text(12), int], Field(max_length=100, json_schema_extra={"additionalProperties": False})]
    | Text(2000)
)
# Keys are bounded and without NUL (Text); pydantic states the NUL rule as patternProperties, so the schema
# must also say that no other key is allowed, or a key with NUL reads as valid (schemathesis ST202).
Answers = Annotated[
    dict[Text(12), AnswerValue], Field(max_length=300, json_schema_extra={"additionalProperties": False})
]


class SurveyRowOut(Schema):
    id: int
    title: str
    audience: str
    anonymous: bool
    status: str
    opens_at: datetime | None
    closes_at: datetime | None
    results_public: bool
    version: int


def _row(s: Survey) -> dict:
    return {
        "id": s.pk,
        "title": s.title,
        "audience": s.audience,
        "anonymous": s.anonymous,
        "status": s.status(),
        "opens_at": s.opens_at,
        "closes_at": s.closes_at,
        "results_public": s.results_public,
        "version": s.version,
    }


class OptionOut(Schema):
    id: int
    label: str
    score: float | None


class RowOut(Schema):
    id: int
    label: str


class QuestionOut(Schema):
    id: int
    position: int
    kind: str
    text: str
    required: bool
    max_choices: int | None
    section: int | None
    show_if_question: int | None
    show_if_option: int | None
    options: list[OptionOut]
    rows: list[RowOut]


class DefinitionOut(Schema):
    id: int
    title: str
    intro: str
    status: str
    closes_at: datetime | None
    questions: list[QuestionOut]


class PublicDefinitionOut(DefinitionOut):
    device_token: str = Field(description="本设备的签名令牌：提交答卷时原样带回（每台设备只能提交一次）")


def _definition(s: Survey) -> dict:
    d = compile_(s)
    return {
        "id": s.pk,
        "title": s.title,
        "intro": s.intro,
        "status": s.status(),
        "closes_at": s.closes_at,
        "questions": [
            {
                "id": q.id,
                "position": q.position,
                "kind": q.kind,
                "text": q.text,
                "required": q.required,
                "max_choices": q.max_choices,
                "section": q.section,
                "show_if_question": q.show_if,
                "show_if_option": q.show_if_option,
                "options": [{"id": o, "label": lab, "score": sc} for o, lab, sc in q.options],
                "rows": [{"id": r, "label": lab} for r, lab in q.rows],
            }
            for q in d.questions
        ],
    }


class CellOut(Schema):
    label: str
    count: int | None = Field(description="人数；公开结果中少于 5 人为 null")
    share: float | None
    low: float | None = Field(description="95% Wilson 区间下限（0–1）")
    high: float | None


class BlockOut(Schema):
    label: str
    n: int
    mean_score: float | None
    cells: list[CellOut]


class SurveyResultOut(Schema):
    question: int
    position: int
    text: str
    kind: str
    n: int
    blocks: list[BlockOut]
    words: list[tuple[str, int]]


class ResultsOut(Schema):
    survey: int
    responses: int
    results: list[SurveyResultOut]


def _results(s: Survey, *, published_only: bool) -> dict:
    out = []
    for r in selectors.results(s, published_only=published_only):
        out.append(
            {
                "question": r.question.id,
                "position": r.question.position,
                "text": r.question.text,
                "kind": r.question.kind,
                "n": r.n,
                "words": r.words,
                "blocks": [
                    {
                        "label": b.label,
                        "n": b.n,
                        "mean_score": b.mean_score,
                        "cells": [
                            {
                                "label": c.label,
                                "count": None if c.suppressed else c.count,
                                "share": None if c.suppressed else round(c.share, 4),
                                "low": None if c.suppressed else round(c.low, 4),
                                "high": None if c.suppressed else round(c.high, 4),
                            }
                            for c in b.cells
                        ],
                    }
                    for b in r.blocks
                ],
            }
        )
    return {"survey": s.pk, "responses": selectors.response_count(s), "results": out}


class SurveyIdPath(Schema):
    id: int = Field(ge=1, le=2**62)


class SlugPath(Schema):
    slug: Text(16, min_length=6)


class AnswerIn(Schema):
    answers: Answers


class PublicAnswerIn(Schema):
    answers: Answers
    device_token: Text(200, min_length=10)


class AnsweredOut(Schema):
    ok: bool
    message: str


def _staff_survey(request, pk: int) -> Survey:
    require_role(request.auth, {Role.STAFF, Role.LEADER}, action="查看问卷")
    return get_in_scope(Survey.objects.all(), request.auth, pk)


@router.get("/surveys", response=responses(list[SurveyRowOut]), summary="本机关的问卷（工作人员、领导）")
@paginate(Page)
def list_surveys(request):
    require_role(request.auth, {Role.STAFF, Role.LEADER}, action="查看问卷")
    return [_row(s) for s in selectors.surveys_for_staff(request.auth)]


@router.get("/surveys/mine", response=responses(list[SurveyRowOut]), summary="请我填写的问卷")
@paginate(Page)
def my_surveys(request):
    require_business(request.auth)
    return [_row(s) for s in selectors.surveys_for_respondent(request.auth)]


@router.get(
    "/surveys/{id}", response=responses(DefinitionOut), summary="问卷题目（工作人员或被邀请的填写人）"
)
def get_survey(request, path: Path[SurveyIdPath]):
    require_business(request.auth)
    s = get_object_or_404(Survey, pk=path.id)
    if not s.invitees.filter(user=request.auth).exists():
        s = _staff_survey(request, path.id)
    return _definition(s)


@router.get(
    "/surveys/{id}/results", response=responses(ResultsOut), summary="实时结果（全部题目，不隐去小格子）"
)
def get_results(request, path: Path[SurveyIdPath]):
    return _results(_staff_survey(request, path.id), published_only=False)


@router.post(
    "/surveys/{id}/responses",
    response=write_responses(AnsweredOut),
    summary="填写问卷（代表、常委会组成人员；每人一次）",
)
def post_answer(request, path: Path[SurveyIdPath], payload: AnswerIn):
    require_business(request.auth)
    s = get_object_or_404(Survey, pk=path.id, published_at__isnull=False)
    services.answer(s, payload.answers, by=request.auth)
    return {"ok": True, "message": "提交成功，感谢您的参与"}


PUBLIC_POST = {400: NinjaDetail, 409: Error}


@router.get(
    "/surveys/public/{slug}",
    response=responses(PublicDefinitionOut, public=True),
    auth=None,
    summary="公开问卷的题目和本设备令牌",
)
def public_definition(request, path: Path[SlugPath]):
    s = get_object_or_404(Survey, slug=path.slug, audience="public", published_at__isnull=False)
    return {**_definition(s), "device_token": services.new_device_token()}


@router.post(
    "/surveys/public/{slug}/responses",
    response={**responses(AnsweredOut, public=True), **PUBLIC_POST},
    auth=None,
    summary="提交公开问卷（每台设备一次；按地址限流）",
)
def public_answer(request, path: Path[SlugPath], payload: PublicAnswerIn):
    s = selectors.public_survey(path.slug)
    if s is None:
        raise Http404
    services.answer_public(s, payload.answers, device=payload.device_token, ip=client_ip(request))
    return {"ok": True, "message": "提交成功，感谢您的参与"}


@router.get(
    "/surveys/public/{slug}/results",
    response=responses(ResultsOut, public=True),
    auth=None,
    summary="公布的结果（只含选定公开的题目；少于 5 人的格子隐去）",
)
def public_results(request, path: Path[SlugPath]):
    s = get_object_or_404(Survey, slug=path.slug, results_public=True, published_at__isnull=False)
    return _results(s, published_only=True)
