from ninja.security import HttpBearer, SessionAuth

from renda.core.errors import NotPermitted
from renda.core.middleware import second_factor_required
from renda.core.permissions import require_business


class VerifiedSession(SessionAuth):
    """The browser session, but only once the second factor was passed where it is required.

    By default it also refuses the three admin roles (等保 2.0 三员分立, domain.md §7.1): every operation of the
    API is business data except the few that say `auth=any_role_session`. The refusal is raised here, in the one
    place every operation passes through, so a new endpoint cannot forget it (an admin used to get
    `200 {"count": 0}` from list endpoints whose selector scoped them to nothing). NotPermitted → 403.
    """

    def __init__(self, *, admins: bool = False, csrf: bool = True, token_scope: str = "") -> None:
        super().__init__(csrf=csrf)
        self.admins = admins
        self.token_scope = token_scope

    def __call__(self, request):
        # A personal API token (`Authorization: Bearer rd_…`) stands in for the session: one security scheme
        # in the schema for both, so every operation takes either (PersonalToken checks scope and expiry).
        header = request.headers.get("Authorization", "")
        if header[:7].lower() == "bearer ":
            return PersonalToken(scope=self.token_scope).authenticate(request, header[7:].strip())
        return super().__call__(request)

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is None:
            return None
        if second_factor_required(user) and not user.is_verified():
            return None
        if not self.admins:
            require_business(user)
        return user


session_auth = VerifiedSession()
# The same scheme (same class, so one OpenAPI security scheme) for operations about the account itself.
any_role_session = VerifiedSession(admins=True)


class ApiError(Exception):
    """An API answer that is not a business refusal: a bad token, a page past the end, an unknown filter.
    The handler in api/urls.py turns it into `{code, message}` with `status`."""

    def __init__(self, status: int, code: str, message: str, *, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.retry_after = retry_after  # a 429's seconds until the window frees: the Retry-After header


class PersonalToken(HttpBearer):
    """`Authorization: Bearer rd_…`: a personal API token (dashboards.ApiToken) acting as its user.

    A GET needs the `read` scope, any other method `write` (an operation may name its own with
    `PersonalToken(scope="open311")`). An unknown, expired or revoked token is a 401 with its own code; a
    missing scope is a 403 (audited as a refusal). The three admin roles cannot use tokens for business data.
    """

    openapi_description = "个人接口令牌：在“接口令牌”页面创建，请求头 Authorization: Bearer <令牌>"

    def __init__(self, *, scope: str = "") -> None:
        super().__init__()
        self.scope = scope

    def authenticate(self, request, token: str):
        from django.utils import timezone

        from renda.dashboards.models import ApiToken, token_digest

        row = (
            ApiToken.objects.select_related("user", "user__body").filter(key_hash=token_digest(token)).first()
        )
        if row is None or not row.user.is_active:
            raise ApiError(401, "token_invalid", "接口令牌无效")
        if row.revoked_at:
            raise ApiError(401, "token_revoked", "接口令牌已吊销，请重新创建")
        now = timezone.now()
        if row.expires_at <= now:
            raise ApiError(401, "token_expired", "接口令牌已过期，请重新创建")
        need = self.scope or ("read" if request.method in ("GET", "HEAD", "OPTIONS") else "write")
        if need not in row.scopes:
            raise NotPermitted("token_scope_missing", f"该令牌没有“{need}”权限范围")
        require_business(row.user)
        if not row.last_used_at or (now - row.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)  # at most once a minute
        request.user = row.user
        request.api_token = row
        return row.user
