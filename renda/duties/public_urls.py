from django.urls import path

from . import views

PREFIX = "duties"
app_name = "duties_public"
urlpatterns = [path("", views.home, name="scores")]
