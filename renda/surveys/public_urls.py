"""Public pages at /surveys/ (no login)."""

from django.urls import path

from . import views

app_name = "surveys_public"
urlpatterns = [
    path("", views.public_index, name="index"),
    path("s/<str:slug>/", views.public_answer, name="answer"),
    path("s/<str:slug>/done/", views.public_done, name="done"),
    path("s/<str:slug>/results/", views.public_results, name="results"),
]
