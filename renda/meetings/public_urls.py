"""Public pages at /meetings/ (no login)."""

from django.urls import path

from .views import public

app_name = "meetings_public"
urlpatterns = [path("results/", public.results, name="results")]
