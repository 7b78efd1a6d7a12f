"""Staff screens: overview, screening queue, bulk hand-over board, overdue board, policy, workflow table."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from renda.core import policy as resolver
from renda.core import xlsx_export
from renda.core.errors import NotPermitted
from renda.core.models import Unit
from renda.core.permissions import require_role
from renda.core.roles import Role
from renda.core.selectors import deputy_bodies

from .. import export_columns, forms, selectors, services, workflow
from ..models import AssignmentStatus, Extension, ExtensionStatus, Kind, Policy, State

STAFF = {Role.STAFF}
LEADERS = {Role.STAFF, Role.LEADER}


def dashboard(request):
    require_role(request.user, LEADERS, action="建议办理总览")
    year = timezone.localdate().year
    counts = selectors.counts_by_state(request.user, year=year)
    items = selectors.items_for(request.user)
    returns = (
        selectors.items_for(request.user)
        .filter(assignments__status=AssignmentStatus.RETURN_REQUESTED)
        .select_related(*selectors.LIST_RELATED)
        .distinct()[:20]
    )
    extensions = Extension.objects.filter(
        suggestion__in=items, status=ExtensionStatus.PENDING
    ).select_related("suggestion", "unit")[:20]
    rows = [(State(s).label, s, counts.get(s, 0)) for s in State.values if counts.get(s)]
    # The promised-items ledger spans years: open promises are listed until done (§1.3 step 11).
    promises = list(selectors.promises_open(request.user).order_by("due")[:50])
    return render(
        request,
        "suggestions/staff.html",
        {
            "year": year,
            "rows": rows,
            "returns": returns,
            "extensions": extensions,
            "total": sum(counts.values()),
            "promises": promises,
            "today": timezone.localdate(),
        },
    )


def screening(request):
    require_role(request.user, LEADERS, action="审查")
    if xlsx_export.wanted(request):  # the whole queue, not only the 100 the page shows
        return xlsx_export.respond(
            request,
            "待审查建议议案",
            selectors.screening_queue(request.user),
            export_columns.SCREENING,
            action="suggestions.export",
        )
    queue = list(selectors.screening_queue(request.user)[:100])
    return render(
        request,
        "suggestions/screening.html",
        {
            "queue": queue,
            "not_accept_form": forms.NotAcceptForm(),
            "motion_form": forms.MotionForm(),
            "motions": [i for i in queue if i.kind == Kind.MOTION],
            "suggestions": [i for i in queue if i.kind != Kind.MOTION],
        },
    )


def board(request):
    """Bulk hand-over after a congress session: tick many items, choose the units once."""
    require_role(request.user, STAFF, action="交办")
    bodies = list(deputy_bodies(request.user))
    body_id = request.POST.get("body") or request.GET.get("body")
    body = next((b for b in bodies if str(b.pk) == str(body_id)), bodies[0] if bodies else None)
    units = Unit.objects.filter(body=body, active=True).order_by("name") if body else Unit.objects.none()
    queue = (
        selectors.handover_board(request.user).filter(body=body)
        if body
        else selectors.handover_board(request.user).none()
    )
    if xlsx_export.wanted(request) and request.method == "GET":  # the whole queue, not only the first 300
        return xlsx_export.respond(
            request,
            "待交办建议",
            queue,
            export_columns.BOARD,
            action="suggestions.export",
            choices={"body": [(b.pk, b.name) for b in bodies]},  # 人大机关=青山县…, not its id
        )
    form = forms.HandOverForm(request.POST or None, units=units)
    if request.method == "POST":
        ids = [int(x) for x in request.POST.getlist("items") if x.isdigit()][:500]
        chosen = list(queue.filter(pk__in=ids))
        by_pk = {u.pk: u for u in units}
        common = form.kwargs() if form.is_valid() else None
        plan = []
        for item in chosen:
            # A lead unit chosen on the row wins; otherwise the common set-up on the right applies.
            row = by_pk.get(int(request.POST.get(f"lead_{item.pk}") or 0))
            if row is not None:
                co = [u for u in (common or {}).get("co", []) if u.pk != row.pk]
                plan.append((item, {"lead": row, "co": co}))
            elif common and (common.get("lead") or common.get("separate")):
                plan.append((item, common))
        if not chosen:
            messages.error(request, "请勾选要交办的建议")
        elif len(plan) < len(chosen):
            messages.error(request, "请为每件勾选的建议指定主办单位，或在右侧选择统一的承办单位")
        else:
            done = sum(len(services.hand_over_many([item], **kw, by=request.user)) for item, kw in plan)
            if done < len(plan):
                messages.warning(request, f"已交办 {done} 件，{len(plan) - done} 件未能交办（见审计记录）")
            else:
                messages.success(request, f"已交办 {done} 件")
            return redirect(f"{request.path}?body={body.pk}")
    return render(
        request,
        "suggestions/board.html",
        {"queue": list(queue[:300]), "form": form, "bodies": bodies, "body": body, "units": list(units)},
    )


def overdue(request):
    require_role(request.user, LEADERS, action="超期督办")
    board_rows = selectors.overdue_board(request.user)
    if xlsx_export.wanted(request):
        return xlsx_export.respond(
            request, "超期督办", board_rows, export_columns.OVERDUE, action="suggestions.export"
        )
    items = (
        selectors.items_for(request.user)
        .filter(due_state__in=["overdue", "soon"])
        .select_related(*selectors.LIST_RELATED)
        .order_by("-due_state", "reply_due")[:100]
    )
    return render(request, "suggestions/overdue.html", {"board": board_rows, "items": items})


def policy_edit(request):
    require_role(request.user, STAFF, action="修改建议办理规则")
    bodies = list(deputy_bodies(request.user))
    body = next(
        (b for b in bodies if str(b.pk) == (request.GET.get("body") or "")), bodies[0] if bodies else None
    )
    if body is None:
        raise NotPermitted("out_of_scope", "没有可设置的人大机关")
    form = forms.PolicyForm(request.POST or None, instance=resolver.own_row(Policy, body))
    if request.method == "POST" and form.is_valid():
        services.save_policy(body, by=request.user, values=form.cleaned_data)
        messages.success(request, "规则已保存；之后起算的期限按新规则计算")
        return redirect(f"{request.path}?body={body.pk}")
    sources = {s.name: s for s in resolver.sources(Policy, body)}
    return render(
        request,
        "suggestions/policy.html",
        {"form": form, "body": body, "bodies": bodies, "sources": [sources[f] for f in forms.POLICY_FIELDS]},
        status=422 if request.method == "POST" else 200,
    )


def workflow_table(request):
    require_role(request.user, LEADERS, action="查看办理流程")
    rows = [
        {
            "s": s,
            "src": [State(x).label for x in sorted(s.src)],
            "dst": [State(x).label for x in s.destinations] or ["（状态不变）"],
            "roles": [Role(r).label for r in sorted(s.roles - workflow.SYSTEM)] or ["系统（期限扫描）"],
            "clock": Policy._meta.get_field(s.clock).verbose_name if s.clock else "—",
        }
        for s in workflow.STEPS
    ]
    return render(request, "suggestions/workflow.html", {"rows": rows})
