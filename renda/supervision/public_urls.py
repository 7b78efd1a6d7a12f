"""Public pages at /supervision/ (no login)."""

from django.urls import path

from .views import public

app_name = "supervision_public"
urlpatterns = [
    path("", public.index, name="index"),
    path("plans/<int:pk>/", public.plan, name="plan"),
    path("appraisals/<int:pk>/", public.appraisal, name="appraisal"),
    path("filings/", public.filings, name="filings"),
    path("hearings/<int:pk>/", public.hearing, name="hearing"),
]
