"""Screens of the three separated admin roles: none of them shows business data."""

from axes.models import AccessAttempt
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from .. import audit, calendar, services
from ..errors import NotPermitted, Refused
from ..forms import AccountForm, CalendarYearForm
from ..models import DayKind, User
from ..permissions import has_role
from ..roles import Role
from .refusals import refusal_response


def _require(request, role: Role) -> None:
    if not has_role(request.user, role):
        exc = NotPermitted("role_not_allowed", "当前角色无权查看此页面")
        audit.record_refusal(exc, by=request.user)
        raise Http404(exc.message)


def calendar_index(request):
    _require(request, Role.SYSTEM_ADMIN)
    today = timezone.localdate()
    years = calendar.known_years()
    form = CalendarYearForm(initial={"year": today.year + 1})
    return render(
        request,
        "core/calendar_index.html",
        {
            "years": list(reversed(years)),
            "form": form,
            "missing_year": calendar.missing_next_year(today),
        },
    )


def calendar_year(request, year: int):
    _require(request, Role.SYSTEM_ADMIN)
    if not 2000 <= year <= 2100:
        raise Http404
    days = calendar.year_days(year)
    lines = "\n".join(
        f"{d.date:%Y-%m-%d} {'休' if d.kind == DayKind.HOLIDAY else '班'} {d.name}" for d in days
    )
    form = CalendarYearForm(initial={"year": year, "source": days[0].source if days else "", "lines": lines})
    return render(request, "core/calendar_year.html", {"year": year, "days": days, "form": form})


@require_POST
def calendar_save(request):
    _require(request, Role.SYSTEM_ADMIN)
    form = CalendarYearForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "core/calendar_index.html",
            {
                "years": list(reversed(calendar.known_years())),
                "form": form,
            },
            status=422,
        )
    year = form.cleaned_data["year"]
    try:
        days = services.parse_calendar_lines(form.cleaned_data["lines"])
        recounted = services.set_calendar_year(
            year, days, source=form.cleaned_data["source"], by=request.user
        )
    except Refused as exc:
        audit.record_refusal(exc, by=request.user, action="calendar.set_year")
        form.add_error(None, exc.message)
        return render(
            request,
            "core/calendar_index.html",
            {
                "years": list(reversed(calendar.known_years())),
                "form": form,
            },
            status=422,
        )
    messages.success(request, f"{year} 年节假日安排已保存，重算了 {recounted} 个期限。")
    return redirect("core:calendar_year", year=year)


def users(request):
    _require(request, Role.SYSTEM_ADMIN)
    qs = User.objects.select_related("body", "unit").order_by("role", "username")
    role = request.GET.get("role", "")
    if role in Role.values:
        qs = qs.filter(role=role)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    form = AccountForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                created = services.create_account(
                    username=data["username"],
                    full_name=data["full_name"],
                    role=data["role"],
                    body=data["body"],
                    unit=data["unit"],
                    phone=data["phone"],
                    password=data["password"],
                    by=request.user,
                )
            except Refused as exc:
                audit.record_refusal(exc, by=request.user, action="account.create")
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request, f"已开设账号 {created.username}（{created.role_label}，{created.org_name}）。"
                )
                return redirect("core:users")
        status = 422
    return render(
        request,
        "core/users.html",
        {"page": page, "roles": Role.choices, "role": role, "form": form},
        status=status,
    )


@require_POST
def user_active(request, pk: int):
    _require(request, Role.SYSTEM_ADMIN)
    target = User.objects.filter(pk=pk).first()
    if target is None:
        raise Http404
    try:
        services.set_account_active(target, active=request.POST.get("active") == "1", by=request.user)
    except Refused as exc:
        return refusal_response(request, exc, redirect_to="core:users")
    messages.success(request, f"账号 {target.username} 已{'启用' if target.is_active else '停用'}。")
    return redirect("core:users")


@require_POST
def user_password(request, pk: int):
    """Give the user a random temporary password, shown once to the admin, who hands it over in person."""
    import secrets
    import string

    _require(request, Role.SYSTEM_ADMIN)
    target = User.objects.filter(pk=pk).first()
    if target is None:
        raise Http404
    alphabet = string.ascii_letters + string.digits
    temporary = (
        "".join(secrets.choice(alphabet) for _ in range(10)) + "-" + secrets.choice(string.digits) + "Aa"
    )
    try:
        services.reset_password(target, password=temporary, by=request.user)
    except Refused as exc:
        return refusal_response(request, exc, redirect_to="core:users")
    messages.success(
        request, f"账号 {target.username} 的临时密码：{temporary}（只显示这一次，请当面交给本人）"
    )
    return redirect("core:users")


def lockouts(request):
    """Failed sign-ins per account (django-axes keeps one row per account + address); locked accounts first."""
    from django.conf import settings
    from django.db.models import Max, Min, Sum

    _require(request, Role.SECURITY_ADMIN)
    rows = (
        AccessAttempt.objects.values("username")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"), pk=Min("id"))
        .order_by("-last")[:200]
    )
    addresses: dict[str, set] = {}
    for username, ip in AccessAttempt.objects.filter(username__in=[r["username"] for r in rows]).values_list(
        "username", "ip_address"
    ):
        addresses.setdefault(username, set()).add(ip or "")
    accounts = [
        {
            **r,
            "addresses": "、".join(sorted(addresses.get(r["username"], ()))),
            "locked": r["failures"] >= settings.AXES_FAILURE_LIMIT,
        }
        for r in rows
    ]
    accounts.sort(key=lambda a: not a["locked"])
    return render(request, "core/lockouts.html", {"attempts": accounts})


@require_POST
def unlock(request, pk: int):
    _require(request, Role.SECURITY_ADMIN)
    attempt = AccessAttempt.objects.filter(pk=pk).first()
    if attempt is None:
        return refusal_response(
            request, Refused("lockout_not_found", "该锁定记录不存在"), redirect_to="core:lockouts"
        )
    try:
        services.unlock_account(attempt.username or "", by=request.user)
    except Refused as exc:
        return refusal_response(request, exc, redirect_to="core:lockouts")
    messages.success(request, f"已解除账号 {attempt.username} 的锁定，本人现在可以重新登录。")
    return redirect("core:lockouts")
