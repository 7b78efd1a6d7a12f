"""Public pages at /duties/: published scores and the voters' phone ballot."""

from django.urls import path

from .views import public

app_name = "duties_public"
urlpatterns = [
    path("", public.scores, name="scores"),
    path("p/<int:pk>/", public.publication, name="publication"),
    path("vote/<str:token>/", public.ballot, name="ballot"),
]
