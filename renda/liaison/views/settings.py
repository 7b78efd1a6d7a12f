"""The body's liaison numbers, each with where it comes from (本机关设定 / 沿用上级 / 默认值 and its rule)."""

from django.shortcuts import render

from renda.core import policy as resolver

from .. import permissions, services
from ..forms import PolicyForm
from ..models import LiaisonPolicy
from .common import require_office, run_form


def policy(request):
    require_office(request)
    body = request.user.body
    current = services.policy_for(body)
    form = PolicyForm(
        request.POST or None, initial={f: getattr(current, f) for f in services.settings.FIELDS}
    )
    ctx = {
        "sources": resolver.sources(LiaisonPolicy, body),
        "can_edit": permissions.can_manage(request.user, body),
    }
    if request.method == "POST":
        return run_form(
            request,
            form,
            lambda d: services.save_policy(body, by=request.user, **d),
            ok="参数已保存",
            to="liaison:policy",
            template="liaison/policy.html",
            ctx=ctx,
            action="liaison.policy_save",
        )
    return render(request, "liaison/policy.html", {**ctx, "form": form})
