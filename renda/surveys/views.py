"""Screens: staff (list, builder, preview, results, exports, paper entry), respondents, the public form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from renda.core import xlsx_export
from renda.core.context import client_ip
from renda.core.errors import Refused
from renda.core.models import User
from renda.core.permissions import get_in_scope, require_business, require_role
from renda.core.roles import Role
from renda.core.views.refusals import limited, refusal_response

from . import export_columns, exports, selectors, services
from .definition import compile_, from_post
from .forms import QuestionForm, SectionForm, SurveyForm
from .models import Kind, Question, Survey

DEVICE_COOKIE = "renda_survey_device"
STAFFISH = {Role.STAFF, Role.LEADER}


def _survey(request, pk: int) -> Survey:
    require_role(request.user, STAFFISH, action="查看问卷")
    return get_in_scope(Survey.objects.select_related("body"), request.user, pk)


def _is_staff(user) -> bool:
    return user.role == Role.STAFF


# Staff -----------------------------------------------------------------------------------------------------------


def survey_list(request):
    require_role(request.user, STAFFISH, action="查看问卷")
    rows = list(selectors.surveys_for_staff(request.user))
    from django.db.models import Count

    counts = dict(
        Survey.objects.filter(pk__in=[s.pk for s in rows])
        .annotate(n=Count("participations"))
        .values_list("pk", "n")
    )
    if xlsx_export.wanted(request):
        table = [(s, counts[s.pk]) for s in rows]
        return xlsx_export.respond(
            request, "问卷调查", table, export_columns.SURVEYS, action="surveys.export"
        )
    return render(request, "surveys/list.html", {"rows": [(s, counts[s.pk]) for s in rows]})


def survey_new(request):
    require_role(request.user, {Role.STAFF}, action="新建问卷")
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            s = services.create_survey(
                services.Settings(**form.cleaned_data), body=request.user.body, by=request.user
            )
        except Refused as exc:
            return refusal_response(request, exc, redirect_to=reverse("surveys:new"))
        messages.success(request, "问卷已建立，请添加题目")
        return redirect("surveys:detail", s.pk)
    return render(request, "surveys/edit.html", {"form": form, "survey": None})


def survey_edit(request, pk: int):
    survey = _survey(request, pk)
    form = SurveyForm(request.POST or None, instance=survey)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_settings(survey, services.Settings(**form.cleaned_data), by=request.user)
        except Refused as exc:
            return refusal_response(request, exc, redirect_to=reverse("surveys:edit", args=[pk]))
        messages.success(request, "已保存")
        return redirect("surveys:detail", pk)
    return render(request, "surveys/edit.html", {"form": form, "survey": survey})


def survey_detail(request, pk: int):
    """The builder: settings, sections, questions with their options, and the actions of the survey."""
    survey = _survey(request, pk)
    d = compile_(survey)
    locked = survey.participations.exists()
    return render(
        request,
        "surveys/detail.html",
        {
            "survey": survey,
            "d": d,
            "locked": locked,
            "answers": selectors.response_count(survey),
            "qform": QuestionForm(survey=survey, initial={"required": True}),
            "sform": SectionForm(),
            "sections": {s[0]: s for s in d.sections},
            "is_staff": _is_staff(request.user),
            "public_url": request.build_absolute_uri(reverse("surveys_public:answer", args=[survey.slug])),
            "versions": survey.versions.all(),
        },
    )


@require_POST
def add_section(request, pk: int):
    survey = _survey(request, pk)
    form = SectionForm(request.POST)
    back = reverse("surveys:detail", args=[pk])
    if not form.is_valid():
        messages.error(request, "请填写分节标题")
        return redirect(back)
    try:
        services.add_section(survey, **form.cleaned_data, by=request.user)
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=back)
    messages.success(request, "已添加分节")
    return redirect(back)


@require_POST
def add_question(request, pk: int):
    survey = _survey(request, pk)
    form = QuestionForm(request.POST, survey=survey)
    back = reverse("surveys:detail", args=[pk])
    if not form.is_valid():
        messages.error(request, "；".join(f"{form.fields[k].label}：{v[0]}" for k, v in form.errors.items()))
        return redirect(back)
    c = form.cleaned_data
    qin = services.QuestionIn(
        kind=c["kind"],
        text=c["text"],
        required=c["required"],
        help_text=c["help_text"],
        options=tuple(c["options"].splitlines()),
        rows=tuple(c["rows"].splitlines()),
        scale=c["scale"],
        max_choices=c["max_choices"],
        section_id=c["section"],
        show_if_option_id=c["show_if_option"],
    )
    try:
        services.add_question(survey, qin, by=request.user)
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=back)
    messages.success(request, "已添加题目")
    return redirect(back)


@require_POST
def question_action(request, qid: int, action: str):
    q = get_object_or_404(Question.objects.select_related("survey"), pk=qid)
    survey = _survey(request, q.survey_id)
    back = reverse("surveys:detail", args=[survey.pk])
    try:
        if action == "up":
            services.move_question(q, up=True, by=request.user)
        elif action == "down":
            services.move_question(q, up=False, by=request.user)
        elif action == "delete":
            services.delete_question(q, by=request.user)
        elif action in ("publish", "unpublish"):
            services.set_question_published(q, action == "publish", by=request.user)
            back = request.POST.get("next") or back
        else:
            raise Http404
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=back)
    return redirect(back)


SURVEY_ACTIONS = {
    "publish": ("问卷已发布", lambda s, u: services.publish(s, by=u)),
    "close": ("问卷已结束", lambda s, u: services.close(s, by=u)),
    "results_public": ("结果已公开", lambda s, u: services.set_results_public(s, True, by=u)),
    "results_private": ("结果已取消公开", lambda s, u: services.set_results_public(s, False, by=u)),
    "new_version": ("已复制为新版本（草稿）", lambda s, u: services.new_version(s, by=u)),
}


@require_POST
def survey_action(request, pk: int, action: str):
    survey = _survey(request, pk)
    back = request.POST.get("next") or reverse("surveys:detail", args=[pk])
    if action not in SURVEY_ACTIONS:
        raise Http404
    done, run = SURVEY_ACTIONS[action]
    try:
        out = run(survey, request.user)
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=back)
    messages.success(request, done)
    if action == "new_version":
        return redirect("surveys:detail", out.pk)
    return redirect(back)


def preview(request, pk: int):
    survey = _survey(request, pk)
    return render(
        request,
        "surveys/answer.html",
        {"survey": survey, "d": compile_(survey), "values": {}, "preview": True, "action": ""},
    )


def results(request, pk: int):
    survey = _survey(request, pk)
    d = compile_(survey)
    res = selectors.results(survey)
    choice_qs = [q for q in d.questions if q.kind in (Kind.SINGLE, Kind.RATING)]
    targets = []
    for q in d.questions:
        if q.kind == Kind.MATRIX:
            targets += [(f"{q.id}:{rid}", f"第 {q.position} 题 · {lab}") for rid, lab in q.rows]
        elif q.kind != Kind.TEXT:
            targets.append((str(q.id), f"第 {q.position} 题 {q.text[:20]}"))
    ct = {}
    qsel, bysel = request.GET.get("q", ""), request.GET.get("by", "")
    if qsel and bysel:
        try:
            ct = selectors.crosstab(survey, qsel, int(bysel))
        except ValueError:
            ct = {}
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "results": res,
            "n": selectors.response_count(survey),
            "chart": exports.chart_data(res),
            "targets": targets,
            "bys": choice_qs,
            "ct": ct,
            "qsel": qsel,
            "bysel": bysel,
            "is_staff": _is_staff(request.user),
            "published_view": False,
        },
    )


def participants(request, pk: int):
    survey = _survey(request, pk)
    return render(request, "surveys/participants.html", {"survey": survey, **selectors.participation(survey)})


def export_xlsx(request, pk: int):
    survey = _survey(request, pk)
    data = exports.xlsx(survey)
    resp = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    resp["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-answers.xlsx"'
    return resp


def report_docx(request, pk: int):
    survey = _survey(request, pk)
    cts = (
        [(request.GET["q"], int(request.GET["by"]))]
        if request.GET.get("q") and request.GET.get("by", "").isdigit()
        else []
    )
    data = exports.docx(survey, crosstabs=cts)
    resp = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    resp["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-report.docx"'
    return resp


def qr(request, pk: int):
    import segno

    survey = _survey(request, pk)
    url = request.build_absolute_uri(reverse("surveys_public:answer", args=[survey.slug]))
    code = segno.make(url, error="m")
    return HttpResponse(code.svg_inline(scale=6), content_type="image/svg+xml")


def paper(request, pk: int):
    """Staff type in paper questionnaires, one at a time."""
    survey = _survey(request, pk)
    require_role(request.user, {Role.STAFF}, action="录入纸质问卷")
    d = compile_(survey)
    ctx = {
        "survey": survey,
        "d": d,
        "values": {},
        "paper": True,
        "action": reverse("surveys:paper", args=[pk]),
    }
    if not survey.is_public:
        answered = set(survey.participations.exclude(user=None).values_list("user_id", flat=True))
        ctx["people"] = [i.user for i in survey.invitees.select_related("user") if i.user_id not in answered]
    if request.method == "POST":
        respondent = None
        if not survey.is_public and request.POST.get("respondent"):
            respondent = User.objects.filter(pk=request.POST.get("respondent", "0") or 0).first()
        try:
            services.enter_paper(survey, from_post(d, request.POST), respondent=respondent, by=request.user)
        except (Refused, ValueError) as exc:
            return _form_error(request, "surveys/answer.html", ctx, exc, d)
        messages.success(request, "已录入一份纸质问卷，可以继续录入下一份")
        return redirect("surveys:paper", pk)
    return render(request, "surveys/answer.html", ctx)


def _form_error(request, template, ctx, exc, d):
    from renda.core import audit

    if isinstance(exc, Refused):
        audit.record_refusal(
            exc, by=request.user if request.user.is_authenticated else None, action="填写问卷"
        )
    message = exc.message if isinstance(exc, Refused) else "答卷格式不正确"
    response = render(
        request, template, {**ctx, "error": message, "values": _values(d, request.POST)}, status=422
    )
    return limited(response, exc)  # a rate limit's refusal: 429 with Retry-After


def _values(d, post) -> dict:
    """What was typed, so a refused form comes back filled in."""
    out = {}
    for q in d.questions:
        key = f"q{q.id}"
        if q.kind == Kind.MULTIPLE:
            out[key] = post.getlist(key)
        elif q.kind == Kind.MATRIX:
            for rid, _ in q.rows:
                out[f"{key}_r{rid}"] = post.get(f"{key}_r{rid}", "")
        else:
            out[key] = post.get(key, "")
    return out


# Respondents (deputies, members) ---------------------------------------------------------------------------------


def mine(request):
    require_business(request.user)  # the three admins see no business data (domain.md §7.1)
    rows = [(s, selectors.answered(s, request.user)) for s in selectors.surveys_for_respondent(request.user)]
    return render(request, "surveys/mine.html", {"rows": rows})


def answer(request, pk: int):
    require_business(request.user)
    survey = get_object_or_404(Survey, pk=pk, invitees__user=request.user, published_at__isnull=False)
    d = compile_(survey)
    ctx = {"survey": survey, "d": d, "values": {}, "action": reverse("surveys:answer", args=[pk])}
    if selectors.answered(survey, request.user):
        return render(request, "surveys/done.html", {"survey": survey, "again": True})
    if request.method == "POST":
        try:
            services.answer(survey, from_post(d, request.POST), by=request.user)
        except (Refused, ValueError) as exc:
            return _form_error(request, "surveys/answer.html", ctx, exc, d)
        return render(request, "surveys/done.html", {"survey": survey})
    if survey.status() != "open":
        ctx["closed"] = survey.status_label()
    return render(request, "surveys/answer.html", ctx)


# Public -------------------------------------------------------------------------------------------------------------


@login_not_required
def public_index(request):
    from django.utils import timezone

    now = timezone.now()
    public = Survey.objects.filter(audience="public", published_at__isnull=False).select_related("body")
    open_ = [s for s in public if s.status(now) == "open"]
    done = Survey.objects.filter(results_public=True, published_at__isnull=False).select_related("body")
    return render(request, "surveys/public/index.html", {"open": open_, "published": done})


@login_not_required
def public_answer(request, slug: str):
    survey = get_object_or_404(Survey, slug=slug, audience="public", published_at__isnull=False)
    d = compile_(survey)
    token = request.COOKIES.get(DEVICE_COOKIE) or services.new_device_token()
    ctx = {"survey": survey, "d": d, "values": {}, "public": True, "action": request.path}
    if request.method == "POST":
        try:
            services.answer_public(survey, from_post(d, request.POST), device=token, ip=client_ip(request))
        except (Refused, ValueError) as exc:
            resp = _form_error(request, "surveys/public/answer.html", ctx, exc, d)
        else:
            resp = redirect("surveys_public:done", slug)
    else:
        if survey.status() != "open":
            ctx["closed"] = survey.status_label()
        resp = render(request, "surveys/public/answer.html", ctx)
    resp.set_cookie(
        DEVICE_COOKIE, token, max_age=400 * 86400, httponly=True, samesite="Lax", secure=request.is_secure()
    )
    return resp


@login_not_required
def public_done(request, slug: str):
    survey = get_object_or_404(Survey, slug=slug, audience="public")
    return render(request, "surveys/public/done.html", {"survey": survey})


@login_not_required
def public_results(request, slug: str):
    """Published results: only the questions staff chose, small cells suppressed, no free-text answers."""
    survey = get_object_or_404(Survey, slug=slug, results_public=True, published_at__isnull=False)
    res = selectors.results(survey, published_only=True)
    return render(
        request,
        "surveys/public/results.html",
        {
            "survey": survey,
            "results": res,
            "n": selectors.response_count(survey),
            "chart": exports.chart_data(res),
            "published_view": True,
        },
    )
