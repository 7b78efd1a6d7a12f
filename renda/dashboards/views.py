"""The leader dashboard and the big screen (数据大屏): thin views over `aggregates.render_panels`."""

from datetime import date

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from renda.core import params
from renda.core.permissions import require_role

from . import aggregates
from .panels import READERS

KIOSK_SALT = "renda.dashboards.kiosk"
KIOSK_DAYS = 30


def period(request) -> tuple[int, date | None, date | None, str]:
    """`?year=` (bounded) and optional `?start=&end=` inside it; a reversed or malformed range is ignored with
    a message (the year is shown instead), never a 500."""
    year = params.year_param(request.GET.get("year"))
    raw_start, raw_end = request.GET.get("start", ""), request.GET.get("end", "")
    if not raw_start and not raw_end:
        return year, None, None, ""
    try:
        start, end = date.fromisoformat(raw_start[:10]), date.fromisoformat(raw_end[:10])
    except ValueError:
        return year, None, None, "起止日期格式应为 YYYY-MM-DD，已按全年显示"
    if start > end:
        return year, None, None, "开始日期晚于结束日期，已按全年显示"
    if not (2000 <= start.year <= 2100 and 2000 <= end.year <= 2100):
        return year, None, None, "日期超出范围，已按全年显示"
    return start.year, start, end, ""


def dashboard(request):
    """数据看板: the viewer's scope, the chosen period, each figure with its definition, n and list."""
    require_role(request.user, READERS, action="查看数据看板")
    year, start, end, problem = period(request)
    ctx = aggregates.context_for(request.user, year=year, start=start, end=end)
    rendered = aggregates.render_panels(ctx)
    today = timezone.localdate()
    return render(
        request,
        "dashboards/home.html",
        {
            "ctx": ctx,
            "panels": rendered,
            "charts": {r.panel.key: r.data["chart"] for r in rendered if r.data.get("chart")},
            "problem": problem,
            "years": range(today.year, today.year - 4, -1),
            "custom": start is not None,
        },
    )


def _screen(request, user, *, kiosk: bool):
    year, start, end, _problem = period(request)
    ctx = aggregates.context_for(user, year=year, start=start, end=end)
    rendered = {r.panel.key: r for r in aggregates.render_panels(ctx, screen=True)}
    geo = getattr(settings, "DASHBOARDS_GEOJSON_URL", "")
    return render(
        request,
        "dashboards/screen.html",
        {
            "ctx": ctx,
            "p": rendered,
            "charts": {k: r.data["chart"] for k, r in rendered.items() if r.data.get("chart")},
            "refresh": int(getattr(settings, "DASHBOARDS_SCREEN_REFRESH", 60)),
            "kiosk": kiosk,
            "geojson_url": geo,
            "map_approval": getattr(settings, "DASHBOARDS_MAP_APPROVAL", ""),
            "now": timezone.localtime(),
        },
    )


def screen(request):
    """The big screen for a signed-in reader; `?kiosk=1` also shows a signed link for a wall display."""
    require_role(request.user, READERS, action="查看数据大屏")
    return _screen(request, request.user, kiosk=False)


def kiosk_link(request):
    """A signed, expiring link (30 days) to the read-only screen, for a display with no one signed in."""
    require_role(request.user, READERS, action="生成大屏链接")
    token = signing.dumps({"u": request.user.pk}, salt=KIOSK_SALT, compress=True)
    url = request.build_absolute_uri(reverse("dashboards_public:screen", args=[token]))
    expires = timezone.localdate() + timezone.timedelta(days=KIOSK_DAYS)
    return render(request, "dashboards/kiosk_link.html", {"url": url, "expires": expires, "days": KIOSK_DAYS})


def kiosk_screen(request, token: str):
    from renda.core.models import User

    try:
        data = signing.loads(token, salt=KIOSK_SALT, max_age=KIOSK_DAYS * 86400)
    except signing.BadSignature as exc:
        raise Http404("大屏链接无效或已过期") from exc
    user = (
        User.objects.filter(pk=data.get("u"), is_active=True, role__in=READERS).select_related("body").first()
    )
    if user is None:
        raise Http404("大屏链接无效或已过期")
    return _screen(request, user, kiosk=True)


def open_data(request):
    """开放数据: the datasets, their licence and today's date; each as CSV and JSON."""
    from . import opendata, ratelimit  # noqa: F401

    return render(
        request,
        "dashboards/open_data.html",
        {
            "datasets": opendata.DATASETS.values(),
            "licence": opendata.licence(),
            "today": timezone.localdate(),
        },
    )


def open_data_file(request, key: str, fmt: str):
    from django.http import HttpResponse

    from renda.api.auth import ApiError

    from . import opendata, ratelimit

    d = opendata.DATASETS.get(key)
    if d is None or fmt not in ("csv", "json"):
        raise Http404("没有这个数据集")
    try:
        ratelimit.check(request, name="OPEN_DATA", default=(60, 60))
    except ApiError as exc:
        response = HttpResponse(exc.message, status=exc.status, content_type="text/plain; charset=utf-8")
        if exc.retry_after is not None:
            response["Retry-After"] = str(exc.retry_after)
        return response
    today = timezone.localdate()
    if fmt == "csv":
        response = HttpResponse(opendata.as_csv(d.rows()), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(opendata.as_json(d), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="renda-{key}-{today:%Y%m%d}.{fmt}"'
    response["X-Licence"] = "CC-BY-4.0" if opendata.licence() == opendata.DEFAULT_LICENCE else "see-page"
    return response
