from django.conf import settings

from . import nav


def layout(request):
    user = getattr(request, "user", None)
    items = nav.nav_for(user) if user is not None else []
    # A staff member has ~17 entries: past the first few the bar wrapped each label letter by letter, so the
    # rest sit under 更多 (in the order the apps gave).
    return {
        "nav_items": items[: nav.NAV_INLINE],
        "nav_more": items[nav.NAV_INLINE :],
        "RENDA_DEMO": settings.RENDA_DEMO,
    }
