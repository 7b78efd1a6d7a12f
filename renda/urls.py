"""URL map: the public portal at /, the work area at /work/, the JSON API at /api/v1/.

Each domain app that exists adds `urls.py` (staff, /work/<app>/) and optionally `public_urls.py` (portal).
"""

from importlib import import_module

from django.urls import include, path

from renda.api.urls import api
from renda.core.views.health import healthz
from renda.modules import DOMAIN_APPS, present

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("work/", include("renda.core.urls")),
    path("work/inbox/", include("renda.notify.urls")),
]

for _app in DOMAIN_APPS:
    if present(_app, "urls"):
        urlpatterns.append(path(f"work/{_app}/", include(f"renda.{_app}.urls")))
    if present(_app, "public_urls"):
        module = import_module(f"renda.{_app}.public_urls")
        urlpatterns.append(path(f"{module.PREFIX}/", include(f"renda.{_app}.public_urls")))

urlpatterns.append(path("", include("renda.portal.urls")))
