from django.shortcuts import render
from django.utils import timezone

from .. import calendar, nav
from ..roles import ADMIN_ROLES, Role


def home(request):
    """Each role's home page: what waits for this user, from every app's registered providers."""
    user = request.user
    waiting = nav.waiting_for(user)
    missing_year = None
    if user.role in (Role.SYSTEM_ADMIN, Role.STAFF):
        missing_year = calendar.missing_next_year(timezone.localdate())
    return render(
        request,
        "core/home.html",
        {
            "waiting": waiting,
            "missing_year": missing_year,
            "is_admin": user.role in ADMIN_ROLES,
            "quick_links": [i for i in nav.nav_for(user) if i.url_name != "core:home"],
        },
    )
