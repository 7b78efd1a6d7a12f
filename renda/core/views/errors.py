"""Error pages (400, 403, 404, 500, CSRF failure): Chinese, in the site layout, with a way back (issue 14).

The 500 page renders without the request, so no context processor and no database query runs: the error
may be the database itself. If even the template fails, a short built-in page answers."""

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse

logger = logging.getLogger(__name__)

PAGES = {
    400: ("请求有误", "请求的内容不完整或格式不正确，未做任何修改。请返回上一页重新操作。"),
    403: ("无权访问", "当前账号无权查看此页面或执行此操作，未做任何修改。如有疑问，请联系人大工作人员。"),
    404: ("页面不存在", "您要找的页面不存在、已被删除或不在您的查看范围内。请检查网址，或返回首页。"),
    500: (
        "系统暂时出错",
        "服务器处理请求时出错，您的操作可能没有完成。请稍后重试；多次出错请联系系统管理员。",
    ),
}
CSRF = (
    "页面已过期",
    "为保护您的账号，这个页面的表单已失效（可能停留过久或在别处退出了登录）。请返回上一页，刷新后重新提交。",
)

FALLBACK_500 = (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>系统暂时出错</title></head>'
    "<body><h1>系统暂时出错</h1><p>请稍后重试；多次出错请联系系统管理员。</p>"
    '<p><a href="/">返回首页</a></p></body></html>'
)


def _home(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    return reverse("core:home") if user is not None and user.is_authenticated else reverse("portal:home")


def _page(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    context = {"status": status, "error_title": title, "error_message": message, "home_url": _home(request)}
    return render(request, "error.html", context, status=status)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return _page(request, 400, *PAGES[400])


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return _page(request, 403, *PAGES[403])


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return _page(request, 404, *PAGES[404])


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _page(request, 403, *CSRF)


DATABASE_DOWN = ("数据库暂时不可用", "系统正在恢复数据库连接，您的操作没有保存。请稍候一分钟再试。")


def _database_down() -> bool:
    """The error being handled is the database being unreachable (restarted, failed over, network cut)."""
    import sys

    from django.db import InterfaceError, OperationalError

    exc = sys.exc_info()[1]
    return isinstance(exc, OperationalError | InterfaceError)


def server_error(request: HttpRequest) -> HttpResponse:
    # A database restart is not a bug: 503 with Retry-After tells clients (and the API's callers) to come back.
    down = _database_down()
    status = 503 if down else 500
    title, message = DATABASE_DOWN if down else PAGES[500]
    context = {
        "status": status,
        "error_title": title,
        "error_message": message,
        "home_url": "/",
        "bare": True,
    }
    try:
        if request.path.startswith("/api/"):
            from django.http import JsonResponse

            code = "database_unavailable" if down else "server_error"
            response = JsonResponse({"code": code, "message": message}, status=status)
        else:
            response = HttpResponse(loader.get_template("error.html").render(context), status=status)
        if down:
            response["Retry-After"] = "30"
        return response
    except Exception:  # the page that reports an error must not raise one
        logger.exception("500 page failed to render")
        return HttpResponseServerError(FALLBACK_500)
