"""Printable A4 documents: the hand-over sheet (交办单) and the reply letter (答复函) of a suggestion.

Read only, through the suggestions app's selectors (the viewer's scope); the print stylesheet
(dashboards/print.css, linked from base.html) lays them out on A4.
"""

from django.http import Http404
from django.shortcuts import render

from renda.suggestions import selectors
from renda.suggestions.models import Assignment, AssignmentStatus, Reply, UnitRole


def handover_sheet(request, pk: int):
    item = selectors.get_item(request.user, pk)
    parts = (
        Assignment.objects.filter(suggestion=item)
        .exclude(status=AssignmentStatus.RETURNED)
        .select_related("unit")
        .order_by("unit__name")
    )
    roles = {UnitRole.LEAD: "主办", UnitRole.SEPARATE: "分办", UnitRole.CO: "协办"}
    order = list(roles)
    parts = sorted(parts, key=lambda a: order.index(a.role) if a.role in order else len(order))
    rows = [
        {
            "unit": a.unit.name,
            "role": roles.get(a.role, a.role),
            "assigned_on": a.assigned_on,
            "return_due": a.return_due,
        }
        for a in parts
    ]
    cosigners = list(item.cosigners.filter(confirmed_at__isnull=False).select_related("mandate__person"))
    return render(
        request, "dashboards/print_handover.html", {"item": item, "parts": rows, "cosigners": cosigners}
    )


def reply_letter(request, pk: int):
    reply = Reply.objects.select_related("unit", "suggestion").filter(pk=pk).first()
    if reply is None:
        raise Http404("记录不存在或无权查看")
    item = selectors.get_item(request.user, reply.suggestion_id)  # the scope check: 404 if not the viewer's
    return render(request, "dashboards/print_reply.html", {"item": item, "reply": reply})
