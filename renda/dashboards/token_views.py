"""Personal API tokens: created and revoked by their user; listed for the security admin."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from renda.core.errors import Refused
from renda.core.permissions import require_business, require_role
from renda.core.roles import Role
from renda.core.views.refusals import refusal_response, refused_form

from . import services
from .forms import TokenForm
from .models import ApiToken


def mine(request):
    require_business(request.user)
    form = TokenForm(request.POST or None)
    ctx = {"tokens": ApiToken.objects.filter(user=request.user), "form": form, "new_key": None}
    if request.method == "POST" and form.is_valid():
        try:
            token, key = services.create_token(request.user, **form.cleaned_data)
        except Refused as exc:
            return refused_form(request, form, exc, "dashboards/tokens.html", ctx, action="创建接口令牌")
        # The key is shown once, on this response only (never stored in clear, never in a redirect).
        ctx.update(new_key=key, new_token=token, form=TokenForm())
    elif request.method == "POST":
        return render(request, "dashboards/tokens.html", ctx, status=422)
    return render(request, "dashboards/tokens.html", ctx)


def revoke(request, pk: int):
    if request.method != "POST":
        return redirect("dashboards:tokens")
    token = get_object_or_404(ApiToken, pk=pk)
    back = "dashboards_admin:tokens" if request.user.role == Role.SECURITY_ADMIN else "dashboards:tokens"
    try:
        services.revoke_token(token, by=request.user)
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=back, action="吊销接口令牌")
    messages.success(request, "令牌已吊销，立即失效")
    return redirect(back)


def all_tokens(request):
    """The security admin's list: who holds which token, scopes, expiry, last use (never the key)."""
    require_role(request.user, {Role.SECURITY_ADMIN}, action="查看全部接口令牌")
    tokens = ApiToken.objects.select_related("user", "revoked_by").order_by("-created_at")[:500]
    return render(request, "dashboards/tokens_all.html", {"tokens": tokens})
