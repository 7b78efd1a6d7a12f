"""The voter's pages at /messages/ (no login)."""

from django.urls import path

from .views import public

app_name = "contact_public"
urlpatterns = [
    path("", public.new, name="new"),
    path("done/", public.done, name="done"),
    path("track/", public.track, name="track"),
    path("t/<str:code>/", public.status, name="status"),
    path("t/<str:code>/rate/", public.rate, name="rate"),
    path("receptions/", public.receptions, name="receptions"),
]
