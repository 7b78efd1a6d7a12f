from ninja.security import SessionAuth

from renda.core.middleware import second_factor_required
from renda.core.permissions import require_business


class VerifiedSession(SessionAuth):
    """The browser session, but only once the second factor was passed where it is required.

    By default it also refuses the three admin roles (等保 2.0 三员分立, domain.md §7.1): every operation of the
    API is business data except the few that say `auth=any_role_session`. The refusal is raised here, in the one
    place every operation passes through, so a new endpoint cannot forget it (an admin used to get
    `200 {"count": 0}` from list endpoints whose selector scoped them to nothing). NotPermitted → 403.
    """

    def __init__(self, *, admins: bool = False, csrf: bool = True) -> None:
        super().__init__(csrf=csrf)
        self.admins = admins

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
