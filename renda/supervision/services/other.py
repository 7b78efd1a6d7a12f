"""Livelihood projects, record-filing review, case-quality review and major matters (domain.md §5)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from renda.core import audit, deadlines, policy
from renda.core.errors import Refused
from renda.core.models import Body, Unit

from .. import permissions
from ..choices import FilingStatus, ProjectStatus
from ..models import Filing, Project, SupervisionPolicy
from ..workflow import FILING
from .timeline import after


@transaction.atomic
def report_progress(p: Project, *, spent, progress: int, by) -> Project:
    """Money spent and progress of a selected project (人大督)."""
    permissions.require_staff(by, "报告项目进展")
    if p.status not in (ProjectStatus.SELECTED, ProjectStatus.DONE):
        raise Refused("not_selected", "只有票决通过的项目报告进展")
    if not 0 <= progress <= 100:
        raise Refused("progress_range", "形象进度须在 0—100% 之间")
    if spent < 0:
        raise Refused("spent_negative", "已完成投资不能为负数")
    p.spent, p.progress = spent, progress
    if progress == 100:
        p.status = ProjectStatus.DONE
    p.save(update_fields=["spent", "progress", "status"])
    audit.record("supervision.project_progress", p, by=by)
    return p


@transaction.atomic
def apply_selection(projects: list[Project], *, chosen: set[int], votes: dict[int, int], by) -> None:
    """The deputies' vote decided which candidates become projects (群众提、代表决)."""
    permissions.require_staff(by, "登记票决结果")
    for p in projects:
        p.votes = votes.get(p.pk, 0)
        p.status = ProjectStatus.SELECTED if p.pk in chosen else ProjectStatus.NOT_SELECTED
        p.save(update_fields=["votes", "status"])
        audit.record("supervision.project_selected", p, by=by, after={"status": p.status})


@transaction.atomic
def file_document(
    body: Body, *, title: str, number: str, unit: Unit, published_on: date, filed_on: date | None, by
) -> Filing:
    """Filed within 30 days of publication (北京第十一条; Henan Art. 51); the formal check within 10 days."""
    permissions.require_staff(by, "登记备案文件")
    if filed_on and filed_on < published_on:
        raise Refused("filed_before_published", "报备日期早于公布日期")
    pol = policy.resolve(SupervisionPolicy, body)
    filing = after(published_on, pol.filing_days, what="报备", cite="domain.md §5.6 北京备案审查条例第十一条")
    f = Filing(
        body=body,
        title=title,
        number=number,
        unit=unit,
        published_on=published_on,
        filed_on=filed_on,
        filing_due=filing.due,
        due_note=filing.note,
    )
    if filed_on:
        check = after(filed_on, pol.check_days, what="形式审查", cite="domain.md §5.6 北京第十二条")
        f.check_due = check.due
        f.due_note += "；" + check.note
    f.save()
    audit.record("supervision.filing_add", f, by=by)
    return f


@transaction.atomic
def filing_step(f: Filing, action: str, *, finding: str = "", by, on: date | None = None) -> Filing:
    f = Filing.objects.select_for_update().get(pk=f.pk)
    step = FILING.require(f, action, by)
    on = on or timezone.localdate()
    pol = policy.resolve(SupervisionPolicy, f.body)
    if action in ("require_correction", "return", "annul") and not finding.strip():
        raise Refused("finding_required", "请写明审查意见")
    if action == "review":
        deadlines.set_due(
            f,
            "review_due",
            start=on,
            amount=pol.review_months,
            unit="months",
            cite="domain.md §5.6 北京第二十三条：三个月内完成",
        )
    if action == "require_correction":
        c = after(on, pol.correction_days, what="制定机关纠正答复", cite="domain.md §5.6 北京第二十九条")
        f.correction_due = c.due
        f.due_note = (f.due_note + "；" + c.note)[:300]
    if action == "refile":
        f.filed_on = on
    if finding.strip():
        f.finding = (f.finding + "\n" + finding.strip()).strip()
    f.status = step.dst
    f.save()
    audit.record(f"supervision.filing_{action}", f, by=by)
    return f


def filing_overdue_count(body_qs, on: date) -> int:
    return sum(
        1
        for f in Filing.objects.filter(body__in=body_qs).exclude(
            status__in=[FilingStatus.NO_ISSUE, FilingStatus.CORRECTED, FilingStatus.ANNULLED]
        )
        if f.overdue(on)
    )


@transaction.atomic
def open_selection(body: Body, year: int, *, by):
    """The deputies' vote on this year's candidates (民生实事项目票决), by the voting rule "livelihood_selection"."""
    from renda.core.models import BodyKind, User
    from renda.core.roles import Role

    from . import votes

    permissions.require_staff(by, "发起项目票决")
    candidates = list(
        Project.objects.select_for_update().filter(body=body, year=year, status=ProjectStatus.CANDIDATE)
    )
    if not candidates:
        raise Refused("no_candidates", f"{year}年没有候选项目")
    if any(p.poll_id for p in candidates):
        raise Refused("vote_exists", "已发起票决")
    congress = body.parent if body.kind == BodyKind.STANDING_COMMITTEE and body.parent_id else body
    deputies = User.objects.filter(role=Role.DEPUTY, body=congress, is_active=True)
    poll = votes.open_selection(
        body=body,
        title=f"{year}年民生实事项目票决",
        subject=candidates[0],
        by=by,
        options=[(p.title, p) for p in candidates],
        electorate=deputies,
    )
    Project.objects.filter(pk__in=[p.pk for p in candidates]).update(poll_id=poll.pk)
    return poll


@transaction.atomic
def apply_poll(body: Body, year: int, *, by) -> int:
    """Take the closed selection poll's result: elected projects become this year's projects."""
    from renda.voting.models import Poll
    from renda.voting.selectors import result

    projects = list(
        Project.objects.filter(body=body, year=year, status=ProjectStatus.CANDIDATE, poll_id__isnull=False)
    )
    if not projects:
        raise Refused("no_poll", "没有待确认的票决")
    poll = Poll.objects.get(pk=projects[0].poll_id)
    if poll.state not in ("closed", "announced"):
        raise Refused("poll_open", "票决尚未结束")
    res = result(poll)
    votes_by_label = {ln.label: ln.count for ln in res.lines}
    chosen = {p.pk for p in projects if p.title in set(res.elected)}
    apply_selection(
        projects, chosen=chosen, votes={p.pk: votes_by_label.get(p.title, 0) for p in projects}, by=by
    )
    return len(chosen)
