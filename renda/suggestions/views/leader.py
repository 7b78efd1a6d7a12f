"""Leader screens: priority-supervised items and themes, picking new ones, the ranking link."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from renda.core.errors import NotPermitted, Refused
from renda.core.permissions import require_role
from renda.core.roles import Role
from renda.core.selectors import deputy_bodies
from renda.core.views.refusals import refused_form

from .. import forms, selectors, services
from ..models import OPEN_STATES, State

LEADERS = {Role.LEADER, Role.STAFF}


def dashboard(request):
    require_role(request.user, LEADERS, action="重点督办")
    year = (
        int(request.GET.get("year") or timezone.localdate().year)
        if (request.GET.get("year") or "").isdigit()
        else timezone.localdate().year
    )
    sups = list(selectors.supervisions(request.user, year=year))
    return render(
        request,
        "suggestions/leader.html",
        {
            "supervisions": sups,
            "year": year,
            "years": range(timezone.localdate().year, timezone.localdate().year - 3, -1),
        },
    )


def supervise(request):
    require_role(request.user, LEADERS, action="确定重点督办")
    bodies = list(deputy_bodies(request.user))
    if not bodies:
        raise NotPermitted("out_of_scope", "没有可督办的人大机关")
    body = bodies[0]
    candidates = (
        selectors.items_for(request.user)
        .filter(body=body, state__in=OPEN_STATES, is_priority=False)
        .exclude(state=State.ACCEPTED)
        .select_related(*selectors.LIST_RELATED)
        .order_by("-year", "number")
    )
    form = forms.SuperviseForm(request.POST or None, items=candidates)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.supervise(
                body=body,
                year=timezone.localdate().year,
                theme=d["theme"],
                supervising_leader=d["supervising_leader"],
                handling_leader=d["handling_leader"],
                items=list(d["items"]),
                note=d["note"],
                by=request.user,
            )
        except Refused as exc:
            return refused_form(
                request,
                form,
                exc,
                "suggestions/supervise.html",
                {"body": body},
                action="suggestion.supervise",
            )
        messages.success(request, "已列为重点督办")
        return redirect("suggestions:leader")
    status = 422 if request.method == "POST" else 200
    return render(request, "suggestions/supervise.html", {"form": form, "body": body}, status=status)
