"""Public ballots at /v/ (a QR code on the big screen opens one on a phone; no account)."""

from django.urls import path

from . import views

app_name = "voting_public"
urlpatterns = [path("<str:token>/", views.public_vote, name="vote")]
