"""The site's URL map plus views that fail on purpose, for the error-page tests (issue 14)."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from renda.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def boom(request, code: int):
    if code == 400:
        raise SuspiciousOperation("bad")
    if code == 403:
        raise PermissionDenied
    raise RuntimeError("boom")


urlpatterns = [path("boom/<int:code>/", boom), *urlpatterns]
