"""URL map: the public portal at /, the work area at /work/, the JSON API at /api/v1/.

Each domain app has `urls.py` (staff, /work/<app>/) and `public_urls.py` (portal), listed here.
"""

from django.urls import include, path

from renda.api.urls import api
from renda.core.views.health import healthz

# Chinese error pages in the site layout (issue 14); CSRF_FAILURE_VIEW in settings points to the same module.
handler400 = "renda.core.views.errors.bad_request"
handler403 = "renda.core.views.errors.permission_denied"
handler404 = "renda.core.views.errors.page_not_found"
handler500 = "renda.core.views.errors.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("work/", include("renda.core.urls")),
    path("work/inbox/", include("renda.notify.urls")),
    path("work/deputies/", include("renda.deputies.urls")),
    path("work/suggestions/", include("renda.suggestions.urls")),
    path("work/duties/", include("renda.duties.urls")),
    path("work/contact/", include("renda.contact.urls")),
    path("work/voting/", include("renda.voting.urls")),
    path("work/meetings/", include("renda.meetings.urls")),
    path("work/supervision/", include("renda.supervision.urls")),
    path("work/surveys/", include("renda.surveys.urls")),
    path("work/insight/", include("renda.insight.urls")),
    path("work/liaison/", include("renda.liaison.urls")),
    path("work/dashboards/", include("renda.dashboards.urls")),
    path("work/admin/api-tokens/", include("renda.dashboards.admin_urls")),
    path("deputies/", include("renda.deputies.public_urls")),
    path("suggestions/", include("renda.suggestions.public_urls")),
    path("duties/", include("renda.duties.public_urls")),
    path("messages/", include("renda.contact.public_urls")),
    path("meetings/", include("renda.meetings.public_urls")),
    path("supervision/", include("renda.supervision.public_urls")),
    path("surveys/", include("renda.surveys.public_urls")),
    path("open/", include("renda.dashboards.public_urls")),
    path("v/", include("renda.voting.public_urls")),
    path("", include("renda.portal.urls")),
]
