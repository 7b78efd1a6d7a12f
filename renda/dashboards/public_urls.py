"""Public pages at /open/ (no login)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import views

app_name = "dashboards_public"
urlpatterns = [
    path("", login_not_required(views.open_data), name="open_data"),
    path("data/<slug:key>.<str:fmt>", login_not_required(views.open_data_file), name="open_data_file"),
    path("screen/<str:token>/", login_not_required(views.kiosk_screen), name="screen"),
]
