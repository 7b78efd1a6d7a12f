"""Public pages at /open/ (no login)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import views

app_name = "dashboards_public"
urlpatterns = [
    path("screen/<str:token>/", login_not_required(views.kiosk_screen), name="screen"),
]
