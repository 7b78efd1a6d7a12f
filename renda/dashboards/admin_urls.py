"""The security admin's page of every API token, under /work/admin/ with the other admin pages (三员分立:
the admin area is where the three admins work; the access matrix lets them open nothing else)."""

from django.urls import path

from . import token_views

app_name = "dashboards_admin"
urlpatterns = [path("", token_views.all_tokens, name="tokens")]
