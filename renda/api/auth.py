from ninja.security import SessionAuth

from renda.core.middleware import second_factor_required


class VerifiedSession(SessionAuth):
    """The browser session, but only once the second factor was passed where it is required."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is None:
            return None
        if second_factor_required(user) and not user.is_verified():
            return None
        return user


session_auth = VerifiedSession()
