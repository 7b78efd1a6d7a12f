"""Work-area screens at /work/dashboards/."""

from django.urls import path

from . import views

app_name = "dashboards"
urlpatterns = [
    path("", views.dashboard, name="home"),
    path("screen/", views.screen, name="screen"),
    path("screen/link/", views.kiosk_link, name="kiosk_link"),
]
