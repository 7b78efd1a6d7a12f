import base64

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .. import accounts, audit, context, login_limit
from ..forms import LoginForm, TokenForm
from ..middleware import second_factor_required
from ..ratelimit import too_many


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        # The address limit comes first, so no password is even checked while it holds (login_limit.py).
        ip = context.client_ip(request)
        if login_limit.is_limited(ip):
            audit.record(
                "login_rate_limited",
                object_type="core.user",
                object_repr=str(request.POST.get("username", ""))[:150],
            )
            wait = login_limit.retry_after(ip)
            response = render(
                request,
                self.template_name,
                {"form": self.get_form(), "locked": True, "lock_message": login_limit.message(wait)},
            )
            return too_many(response, wait)
        response = super().post(request, *args, **kwargs)
        if response.status_code != 302:  # a wrong password, an unknown or a locked account
            login_limit.note_failure(ip)
        return response


login_view = login_not_required(LoginView.as_view())


def logout_view(request):
    from django.contrib.auth import logout

    if request.method == "POST":
        logout(request)
        messages.info(request, "您已安全退出。")
    return redirect("core:login")


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked account sees (django-axes' AXES_LOCKOUT_CALLABLE): why, until when, and what to do."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    username = (credentials or {}).get("username", "") if isinstance(credentials, dict) else ""
    username = str(username)[:150] or str(request.POST.get("username", ""))[:150]
    audit.record("login_locked", object_type="core.user", object_repr=username)
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    until = _locked_until(username) or timezone.localtime() + timedelta(minutes=minutes)
    wait = max(1, min(minutes * 60, int((until - timezone.now()).total_seconds() + 0.999)))
    form = LoginForm(request, initial={"username": username})
    response = render(
        request,
        "core/login.html",
        {
            "form": form,
            "locked": True,
            "lock_message": (
                f"账号“{username}”连续 {settings.AXES_FAILURE_LIMIT} 次登录失败，已被锁定 {minutes} 分钟，"
                f"{until:%H:%M} 后可再次登录。如需提前解锁，请联系本机关的安全管理员；"
                "忘记密码请联系系统管理员重置。同一网络的其他人不受影响。"
            ),
        },
    )
    return too_many(response, wait)


def _locked_until(username: str):
    """When the account's lock ends: django-axes counts the cool-off from the last failed attempt."""
    from axes.helpers import get_cool_off
    from axes.models import AccessAttempt
    from django.utils import timezone

    last = (
        AccessAttempt.objects.filter(username=username)
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
        if username
        else None
    )
    cool_off = get_cool_off()
    return timezone.localtime(last + cool_off) if last and cool_off else None


def _qr_data_uri(text: str) -> str:
    svg = segno.make(text, error="m").svg_inline(scale=5, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@require_http_methods(["GET", "POST"])
def otp_view(request):
    """Verify a TOTP code; a user without a confirmed device enrols first by scanning a QR code."""
    user = request.user
    if not second_factor_required(user) or user.is_verified():
        return redirect("core:home")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    enrolling = device is None
    if enrolling:
        device = accounts.start_otp_enrolment(user, by=user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _why = device.verify_is_allowed()
        if not allowed:
            form.add_error("token", "尝试过于频繁，请稍等几秒后输入最新的验证码")
        elif device.verify_token(form.cleaned_data["token"]):
            with transaction.atomic():
                if enrolling:
                    accounts.confirm_otp_device(device, by=user)
                otp_login(request, device)
                audit.record(
                    "otp_verified",
                    by=user,
                    object_type="core.user",
                    object_id=str(user.pk),
                    object_repr=str(user),
                )
            return redirect("core:home")
        if allowed:
            audit.record(
                "otp_failed", by=user, object_type="core.user", object_id=str(user.pk), object_repr=str(user)
            )
            form.add_error("token", "验证码不正确或已过期，请查看手机上最新的 6 位数字")
    context = {"form": form, "enrolling": enrolling}
    if enrolling:
        context["qr"] = _qr_data_uri(device.config_url)
        context["secret"] = base64.b32encode(device.bin_key).decode()
    return render(request, "core/otp.html", context, status=422 if form.errors else 200)
