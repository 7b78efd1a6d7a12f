"""The API at /api/v1/: one router per app, mounted here, one exception handler for refusals."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from renda.contact.api import router as contact_router
from renda.core import audit
from renda.core.api import router as core_router
from renda.core.errors import NotPermitted, Refused
from renda.dashboards.api import router as dashboards_router
from renda.deputies.api import router as deputies_router
from renda.duties.api import router as duties_router
from renda.insight.api import router as insight_router
from renda.liaison.api import router as liaison_router
from renda.meetings.api import router as meetings_router
from renda.suggestions.api import router as suggestions_router
from renda.supervision.api import router as supervision_router
from renda.surveys.api import router as surveys_router
from renda.voting.api import router as voting_router

from .auth import session_auth

api = NinjaAPI(
    title="renda API",
    version="1",
    description="人大履职平台开放接口。错误统一返回 {code, message}；列表分页用 limit/offset。",
    auth=session_auth,
    urls_namespace="api",
)


@api.exception_handler(Refused)
def on_refused(request, exc: Refused):
    audit.record_refusal(exc, by=request.user if request.user.is_authenticated else None)
    status = 403 if isinstance(exc, NotPermitted) else 409
    return api.create_response(request, {"code": exc.code, "message": exc.message}, status=status)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return api.create_response(request, {"code": "not_found", "message": "记录不存在或无权查看"}, status=404)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return api.create_response(request, {"code": "not_authenticated", "message": "请先登录"}, status=401)


@api.exception_handler(ValidationError)
def on_invalid(request, exc: ValidationError):
    return api.create_response(request, {"detail": exc.errors}, status=422)


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
):
    api.add_router("/", _router)
