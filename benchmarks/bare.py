"""The baselines for the API benchmark: bare Django views returning the same JSON rows as our endpoints.

No ninja, no schema, no renda middleware: a session-authenticated user, one hand-written SQL count and
one hand-written SQL page. Served at /api/bare/<name> by `bare_wsgi` (settings `bare_settings`), and
in-process by the smoke tests. Modules add a view with `@bare("name")`.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.urls import path

VIEWS: dict[str, Callable] = {}


def bare(name: str):
    def wrap(fn):
        VIEWS[name] = fn
        return fn

    return wrap


def page_args(request: HttpRequest) -> tuple[int, int]:
    limit = min(max(int(request.GET.get("limit", 50)), 1), 500)
    offset = min(max(int(request.GET.get("offset", 0)), 0), 1_000_000)
    return limit, offset


def scope_prefix(cursor, body_id: int) -> str:
    """The LIKE pattern of a body member's data scope: a standing committee's members see the whole
    congress tree (Body.scope_path), anyone else their own body's subtree."""
    cursor.execute("SELECT path, kind FROM core_body WHERE id = %s", [body_id])
    own_path, kind = cursor.fetchone()
    if kind in {"standing_committee", "special_committee", "working_committee"} and own_path.count("/") > 2:
        own_path = own_path.rsplit("/", 2)[0] + "/"
    return own_path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


@bare("bodies")
def bodies(request: HttpRequest) -> JsonResponse:
    """The same rows as GET /api/v1/bodies for a congress staff member: their body's subtree."""
    user = request.user
    if not user.is_authenticated or user.body_id is None:
        return JsonResponse({"code": "not_authenticated", "message": "请先登录"}, status=401)
    limit, offset = page_args(request)
    with connection.cursor() as cursor:
        prefix = scope_prefix(cursor, user.body_id)
        cursor.execute("SELECT COUNT(*) FROM core_body WHERE path LIKE %s", [prefix])
        count = cursor.fetchone()[0]
        cursor.execute(
            "SELECT id, name, kind, level, parent_id, region_code, region_name FROM core_body "
            "WHERE path LIKE %s ORDER BY path LIMIT %s OFFSET %s",
            [prefix, limit, offset],
        )
        cols = [c[0] for c in cursor.description]
        items = [dict(zip(cols, row, strict=True)) for row in cursor.fetchall()]
    return JsonResponse({"count": count, "items": items})


def _urls():
    from benchmarks import registry

    registry.load()  # modules may add bare views
    return [path(f"api/bare/{name}", view) for name, view in VIEWS.items()]


def __getattr__(name: str):
    # Built when Django first resolves a URL, after every module has added its views (no import cycle).
    if name == "urlpatterns":
        return _urls()
    raise AttributeError(name)
