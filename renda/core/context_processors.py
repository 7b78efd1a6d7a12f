from django.conf import settings

from . import nav


def layout(request):
    user = getattr(request, "user", None)
    return {
        "nav_items": nav.nav_for(user) if user is not None else [],
        "RENDA_DEMO": settings.RENDA_DEMO,
    }
