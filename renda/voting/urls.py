"""Work-area screens at /work/voting/ (VOTING-CONTRACT.md "Screens and endpoints")."""

from django.urls import path

from . import views

app_name = "voting"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.vote, name="vote"),
    path("<int:pk>/control/", views.control, name="control"),
    path("<int:pk>/control/<slug:action>/", views.act, name="act"),
    path("<int:pk>/screen/", views.screen, name="screen"),
    path("<int:pk>/qr.svg", views.qr, name="qr"),
]
