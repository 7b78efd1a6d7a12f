"""The builder: a survey's settings, audience, publishing, versions, sections and questions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from renda.core import audit
from renda.core.errors import NotPermitted, Refused
from renda.core.permissions import body_in_scope, require_role

from ..models import (
    Audience,
    Invitee,
    Kind,
    MatrixRow,
    Option,
    Question,
    Section,
    Survey,
)
from .common import SCALES, STAFF, _forget, _lock, _staff, _touch, require_editable


@dataclass
class Settings:
    title: str
    intro: str = ""
    audience: str = Audience.DEPUTIES
    anonymous: bool = True
    opens_at: datetime | None = None
    closes_at: datetime | None = None


def _check_times(s: Settings) -> None:
    if s.opens_at and s.closes_at and s.closes_at <= s.opens_at:
        raise Refused("survey_times", "截止时间必须晚于开始时间")
    if not s.title.strip():
        raise Refused("survey_title", "请填写问卷标题")


@transaction.atomic
def create_survey(s: Settings, *, body, by) -> Survey:
    """A draft survey of `body` (staff of the body). Named audiences get their invitees on publishing."""
    require_role(by, STAFF, action="新建问卷")
    if not body_in_scope(by, body):
        raise NotPermitted("not_in_scope", "不能为其他机关建立问卷")
    _check_times(s)
    survey = Survey.objects.create(
        body=body,
        title=s.title.strip(),
        intro=s.intro,
        audience=s.audience,
        anonymous=s.anonymous,
        opens_at=s.opens_at,
        closes_at=s.closes_at,
        created_by=by,
    )
    audit.record("survey.create", survey, by=by, after={"title": survey.title})
    return survey


@transaction.atomic
def update_settings(survey: Survey, s: Settings, *, by) -> Survey:
    """Title, intro and times; audience and anonymity only while no answer exists (they decide how answers
    were stored)."""
    survey = _lock(survey)
    _staff(by, survey, "修改问卷")
    _check_times(s)
    if (s.audience != survey.audience or s.anonymous != survey.anonymous) and survey.participations.exists():
        raise Refused("survey_has_answers", "已有答卷，调查对象和匿名方式不能再改")
    for name in ("title", "intro", "audience", "anonymous", "opens_at", "closes_at"):
        setattr(survey, name, getattr(s, name))
    survey.save()
    audit.record("survey.settings", survey, by=by, after={"title": survey.title})
    _forget(survey)
    return survey


def audience_users(survey: Survey):
    """Who a named survey asks: the deputies of the congress (renda.deputies) or the standing committee's
    members (renda.meetings.selectors.members_of)."""
    from renda.core.models import BodyKind
    from renda.core.models import User as UserModel

    body = survey.body
    if survey.audience == Audience.MEMBERS:
        from renda.meetings.selectors import members_of

        return members_of(body)
    if survey.audience == Audience.DEPUTIES:
        from renda.deputies.models import Mandate
        from renda.deputies.selectors import held_on

        congress = body.parent if body.kind == BodyKind.STANDING_COMMITTEE and body.parent_id else body
        seats = held_on(Mandate.objects.filter(body=congress), timezone.localdate())
        return UserModel.objects.filter(person__mandates__in=seats, is_active=True).distinct().order_by("id")
    return UserModel.objects.filter(survey_invitations__survey=survey).order_by("id")


@transaction.atomic
def set_invitees(survey: Survey, users, *, by) -> int:
    """Add named respondents (audience 指定人员, or extra people on a deputies/members survey)."""
    survey = _lock(survey)
    _staff(by, survey, "指定填写人")
    if survey.is_public:
        raise Refused("survey_public", "面向社会公众的问卷不需要指定填写人")
    have = set(survey.invitees.values_list("user_id", flat=True))
    new = [Invitee(survey=survey, user_id=u.pk) for u in users if u.pk not in have]
    Invitee.objects.bulk_create(new)
    if new:
        audit.record("survey.invitees", survey, by=by, after={"invitees": len(new)})
    return len(new)


@transaction.atomic
def publish(survey: Survey, *, by) -> Survey:
    """Open the survey: it must have a question, and a named survey someone to ask (its invitees are fixed
    now, like entitled voters at the start of a vote). Each invitee gets a notification."""
    survey = _lock(survey)
    _staff(by, survey, "发布问卷")
    if survey.published_at:
        raise Refused("survey_published", "问卷已经发布")
    if not survey.questions.exists():
        raise Refused("survey_empty", "问卷还没有题目，不能发布")
    for q in survey.questions.prefetch_related("options", "rows"):
        if q.kind != Kind.TEXT and q.options.count() < 2:
            raise Refused("survey_options", f"第 {q.position} 题“{q.text}”至少需要两个选项")
        if q.kind == Kind.MATRIX and not q.rows.exists():
            raise Refused("survey_rows", f"第 {q.position} 题“{q.text}”还没有评价对象")
    now = timezone.now()
    if survey.closes_at and survey.closes_at <= now:
        raise Refused("survey_times", "截止时间已过，请先修改截止时间")
    users = []
    if not survey.is_public:
        users = list(audience_users(survey))
        if survey.audience != Audience.NAMED:
            have = set(survey.invitees.values_list("user_id", flat=True))
            Invitee.objects.bulk_create([Invitee(survey=survey, user=u) for u in users if u.pk not in have])
        users = list(audience_users(survey)) if survey.audience == Audience.NAMED else users
        users = list(
            {u.pk: u for u in [*users, *(i.user for i in survey.invitees.select_related("user"))]}.values()
        )
        if not users:
            raise Refused("survey_no_invitees", "没有找到需要填写的人员，请先指定填写人")
    survey.published_at = now
    survey.save(update_fields=["published_at", "updated_at"])
    audit.record("survey.publish", survey, by=by, after={"published_at": now})
    _forget(survey)
    if users:
        url = f"/work/surveys/{survey.pk}/answer/"
        transaction.on_commit(lambda: _notify(users, survey, url))
    return survey


def _notify(users, survey: Survey, url: str) -> None:
    from renda.notify.services import send

    for u in users:
        send(
            u,
            title=f"请填写问卷：{survey.title}",
            body=f"截止时间：{timezone.localtime(survey.closes_at):%Y-%m-%d %H:%M}"
            if survey.closes_at
            else "",
            url=url,
            dedupe_key=f"surveys:{survey.pk}:invite:{u.pk}",
        )


@transaction.atomic
def new_version(survey: Survey, *, by) -> Survey:
    """Copy the survey (sections, questions, options, rows, conditions) as a draft of version + 1; the old
    version keeps its answers untouched."""
    _staff(by, survey, "复制为新版本")
    copy = Survey.objects.create(
        body=survey.body,
        title=survey.title,
        intro=survey.intro,
        audience=survey.audience,
        anonymous=survey.anonymous,
        version=survey.version + 1,
        previous=survey,
        created_by=by,
    )
    sections = {
        s.pk: Section.objects.create(
            survey=copy, position=s.position, title=s.title, description=s.description
        )
        for s in survey.sections.all()
    }
    questions: dict[int, Question] = {}
    options: dict[int, Option] = {}
    for q in survey.questions.prefetch_related("options", "rows"):
        nq = Question.objects.create(
            survey=copy,
            section=sections.get(q.section_id),
            position=q.position,
            kind=q.kind,
            text=q.text,
            help_text=q.help_text,
            required=q.required,
            max_choices=q.max_choices,
            published=q.published,
        )
        questions[q.pk] = nq
        for o in q.options.all():
            options[o.pk] = Option.objects.create(
                question=nq, position=o.position, label=o.label, score=o.score
            )
        MatrixRow.objects.bulk_create(
            [MatrixRow(question=nq, position=r.position, label=r.label) for r in q.rows.all()]
        )
    for q in survey.questions.exclude(show_if=None):
        nq = questions[q.pk]
        nq.show_if = questions.get(q.show_if_id)
        nq.show_if_option = options.get(q.show_if_option_id)
        nq.save(update_fields=["show_if", "show_if_option"])
    audit.record("survey.new_version", copy, by=by, after={"version": copy.version})
    return copy


# The builder -------------------------------------------------------------------------------------------------


@transaction.atomic
def add_section(survey: Survey, *, title: str, description: str = "", by) -> Section:
    survey = _lock(survey)
    _staff(by, survey, "添加分节")
    require_editable(survey)
    if not title.strip():
        raise Refused("section_title", "请填写分节标题")
    pos = (survey.sections.aggregate(m=Max("position"))["m"] or 0) + 1
    s = Section.objects.create(survey=survey, position=pos, title=title.strip(), description=description)
    _touch(survey)
    audit.record("survey.add_section", survey, by=by, after={"section": s.pk})
    return s


@dataclass
class QuestionIn:
    kind: str
    text: str
    required: bool = True
    help_text: str = ""
    options: tuple[str, ...] = ()  # labels; "标签=分值" sets a score
    rows: tuple[str, ...] = ()
    scale: str = ""  # a preset of SCALES for rating and matrix questions
    max_choices: int | None = None
    section_id: int | None = None
    show_if_option_id: int | None = None
    published: bool = True


def _parse_options(qin: QuestionIn) -> list[tuple[str, float | None]]:
    if qin.kind in (Kind.RATING, Kind.MATRIX) and qin.scale:
        if qin.scale not in SCALES:
            raise Refused("question_scale", "未知的评价量表")
        return [(lab, float(score)) for lab, score in SCALES[qin.scale]]
    out = []
    for line in qin.options:
        line = line.strip()
        if not line:
            continue
        label, score = line, None
        if "=" in line:
            label, raw = line.rsplit("=", 1)
            try:
                score = float(raw)
            except ValueError:
                raise Refused("question_score", f"选项“{line}”的分值不是数字") from None
            if not 0 <= score <= 100:
                raise Refused("question_score", f"选项“{label}”的分值应在 0–100 之间")
        label = label.strip()
        if len(label) > 120:
            raise Refused("question_option_long", "选项文字不能超过 120 字")
        out.append((label, score))
    labels = [o[0] for o in out]
    if len(set(labels)) != len(labels):
        raise Refused("question_option_duplicate", "选项不能重复")
    return out


@transaction.atomic
def add_question(survey: Survey, qin: QuestionIn, *, by) -> Question:
    """Append a question. Refuses an empty text, fewer than two options for a choice, a matrix without rows,
    a condition on a later or foreign question, and any change once answers exist."""
    survey = _lock(survey)
    _staff(by, survey, "添加题目")
    require_editable(survey)
    if qin.kind not in Kind.values:
        raise Refused("question_kind", "未知的题型")
    if not qin.text.strip():
        raise Refused("question_text", "请填写题目")
    options = _parse_options(qin) if qin.kind != Kind.TEXT else []
    if qin.kind != Kind.TEXT and len(options) < 2:
        raise Refused("question_options", "选择题和评价题至少需要两个选项（每行一个）")
    rows = [r.strip() for r in qin.rows if r.strip()]
    if qin.kind == Kind.MATRIX and not rows:
        raise Refused("question_rows", "矩阵题需要至少一个评价对象（每行一个）")
    if qin.max_choices is not None and (
        qin.kind != Kind.MULTIPLE or not 1 <= qin.max_choices <= len(options)
    ):
        raise Refused("question_max_choices", "“最多选几项”只用于多选题，且不能超过选项数")
    section = None
    if qin.section_id:
        section = survey.sections.filter(pk=qin.section_id).first()
        if section is None:
            raise Refused("question_section", "分节不属于本问卷")
    condition = None
    if qin.show_if_option_id:
        condition = (
            Option.objects.select_related("question")
            .filter(pk=qin.show_if_option_id, question__survey=survey)
            .first()
        )
        if condition is None or condition.question.kind not in (Kind.SINGLE, Kind.MULTIPLE, Kind.RATING):
            raise Refused("question_condition", "显示条件只能取本问卷中前面的单选、多选或评价题的一个选项")
    pos = (survey.questions.aggregate(m=Max("position"))["m"] or 0) + 1
    q = Question.objects.create(
        survey=survey,
        section=section,
        position=pos,
        kind=qin.kind,
        text=qin.text.strip(),
        help_text=qin.help_text.strip(),
        required=qin.required,
        max_choices=qin.max_choices,
        published=qin.published,
        show_if=condition.question if condition else None,
        show_if_option=condition,
    )
    Option.objects.bulk_create(
        [Option(question=q, position=i, label=lab, score=score) for i, (lab, score) in enumerate(options, 1)]
    )
    MatrixRow.objects.bulk_create(
        [MatrixRow(question=q, position=i, label=lab) for i, lab in enumerate(rows, 1)]
    )
    _touch(survey)
    audit.record("survey.add_question", survey, by=by, after={"question": q.pk})
    return q


@transaction.atomic
def delete_question(question: Question, *, by) -> None:
    survey = _lock(question.survey)
    _staff(by, survey, "删除题目")
    require_editable(survey)
    if survey.questions.filter(show_if=question).exists():
        raise Refused("question_is_condition", "有其他题目以本题作为显示条件，请先删除那些题目")
    pos = question.position
    question.delete()
    # Close the gap (one by one, upwards, so the unique position never collides).
    for q in survey.questions.filter(position__gt=pos).order_by("position"):
        Question.objects.filter(pk=q.pk).update(position=q.position - 1)
    _touch(survey)
    audit.record("survey.delete_question", survey, by=by, after={"question": pos})


@transaction.atomic
def move_question(question: Question, *, up: bool, by) -> None:
    survey = _lock(question.survey)
    _staff(by, survey, "调整题目顺序")
    require_editable(survey)
    qs = survey.questions
    other = (
        qs.filter(position__lt=question.position).order_by("-position").first()
        if up
        else qs.filter(position__gt=question.position).order_by("position").first()
    )
    if other is None:
        return
    if question.show_if_id == other.pk or other.show_if_id == question.pk:
        raise Refused("question_condition_order", "显示条件题必须排在被控制的题目之前")
    a, b = question.position, other.position
    Question.objects.filter(pk=question.pk).update(position=0)
    Question.objects.filter(pk=other.pk).update(position=a)
    Question.objects.filter(pk=question.pk).update(position=b)
    _touch(survey)
    audit.record("survey.move_question", survey, by=by, after={"question": question.pk})


@transaction.atomic
def set_question_published(question: Question, published: bool, *, by) -> Question:
    """Staff choose which questions the public results page shows (Decidim #13202); allowed at any time."""
    survey = _lock(question.survey)
    _staff(by, survey, "选择公开的题目")
    Question.objects.filter(pk=question.pk).update(published=published)
    _touch(survey)
    audit.record("survey.question_published", survey, by=by, after={"published": published})
    question.published = published
    return question


# Answers -----------------------------------------------------------------------------------------------------
