"""The API at /api/v1/: one router per app, mounted here, one exception handler for refusals."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from renda.contact.api import router as contact_router
from renda.core import audit
from renda.core.api import router as core_router
from renda.core.errors import NotPermitted, Refused
from renda.core.ratelimit import RateLimited, too_many
from renda.dashboards.api import router as dashboards_router
from renda.deputies.api import router as deputies_router
from renda.duties.api import router as duties_router
from renda.insight.api import router as insight_router
from renda.liaison.api import router as liaison_router
from renda.meetings.api import router as meetings_router
from renda.notify.api import router as notify_router
from renda.suggestions.api import router as suggestions_router
from renda.supervision.api import router as supervision_router
from renda.surveys.api import router as surveys_router
from renda.voting.api import router as voting_router

from . import strict
from .auth import ApiError, session_auth

RETRY_AFTER = {
    "Retry-After": {
        "description": "距限流窗口结束的秒数（整数）；此后可再次请求。",
        "schema": {"type": "integer", "minimum": 1},
    }
}


class Api(NinjaAPI):
    """The API, whose schema gives every 429 its Retry-After header (RFC 9110 §10.2.3), so clients can wait."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for ops in schema["paths"].values():
            for op in ops.values():
                answers = op.get("responses", {})
                limited = answers.get(429) or answers.get("429")
                if limited is not None:
                    limited["description"] = (
                        "请求过于频繁（限流）：code rate_limited 等，message 说明多久后再试"
                    )
                    limited["headers"] = RETRY_AFTER
        return schema


api = Api(
    title="renda API",
    version="1",
    description=(
        "人大履职平台开放接口。错误统一返回 {code, message}（中文说明）；列表分页用 limit/offset，返回 {count, items}。"
        "公开数据（标注“公开”的接口）无需登录或令牌，按来源地址限流；其他接口使用登录会话或个人接口令牌"
        "（Authorization: Bearer <令牌>，读取需 read、写入需 write 权限范围）。"
        "被限流时返回 429，响应头 Retry-After 给出需等待的秒数。详见 docs/api.md。"
    ),
    auth=session_auth,
    urls_namespace="api",
)
strict.install()


@api.exception_handler(ApiError)
def on_api_error(request, exc: ApiError):
    response = api.create_response(request, {"code": exc.code, "message": exc.message}, status=exc.status)
    if exc.retry_after is not None:
        too_many(response, exc.retry_after)
    return response


@api.exception_handler(Refused)
def on_refused(request, exc: Refused):
    # A rate limit's refusal is a 429 with Retry-After (documented on every operation that can answer it), a
    # full disk on an upload a 507 `storage_full` (core/storage.py); any other refusal a 409, a role or scope 403.
    audit.record_refusal(exc, by=request.user if request.user.is_authenticated else None)
    status = 403 if isinstance(exc, NotPermitted) else exc.status  # 409; 429 a rate limit; 507 a full disk
    response = api.create_response(request, {"code": exc.code, "message": exc.message}, status=status)
    if isinstance(exc, RateLimited):
        too_many(response, exc.retry_after)
    return response


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return api.create_response(request, {"code": "not_found", "message": "记录不存在或无权查看"}, status=404)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return api.create_response(request, {"code": "not_authenticated", "message": "请先登录"}, status=401)


_MESSAGES = {
    "missing": "必须填写",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "bool_parsing": "应为 true 或 false",
    "greater_than_equal": "应不小于 {ge}",
    "greater_than": "应大于 {gt}",
    "less_than_equal": "应不大于 {le}",
    "less_than": "应小于 {lt}",
    "string_too_long": "长度不能超过 {max_length}",
    "string_too_short": "长度不能少于 {min_length}",
    "string_pattern_mismatch": "含有不允许的字符",
    "date_from_datetime_parsing": "日期格式应为 YYYY-MM-DD",
    "date_parsing": "日期格式应为 YYYY-MM-DD",
    "enum": "取值应为 {expected}",
    "literal_error": "取值应为 {expected}",
    "json_invalid": "不是有效的 JSON",
}


def _chinese(error: dict) -> str:
    template = _MESSAGES.get(error.get("type", ""))
    if template:
        try:
            return template.format(**error.get("ctx", {}))
        except (KeyError, IndexError):
            return template
    msg = str(error.get("msg", ""))
    return msg.removeprefix("Value error, ")  # our own validators already speak Chinese


def _where(error: dict) -> str:
    loc = [
        str(p)
        for p in error.get("loc", ())
        if p not in ("query", "body", "path", "filters", "payload", "data")
    ]
    return ".".join(loc) or "请求"


@api.exception_handler(ValidationError)
def on_invalid(request, exc: ValidationError):
    # {code, message} like every other error, with ninja's field list kept under `detail` for clients.
    first = exc.errors[0] if exc.errors else {}
    message = f"参数 {_where(first)} 不正确：{_chinese(first)}" if first else "请求参数不正确"
    body = {"code": "invalid_input", "message": message[:300], "detail": exc.errors}
    return api.create_response(request, body, status=422)


# Each app's router names its own paths (/deputies, /suggestions …) and is mounted at the root.
for _router in (
    core_router,
    deputies_router,
    suggestions_router,
    duties_router,
    contact_router,
    voting_router,
    meetings_router,
    supervision_router,
    surveys_router,
    insight_router,
    liaison_router,
    dashboards_router,
    notify_router,
):
    api.add_router("/", _router)
