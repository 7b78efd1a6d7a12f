"""Public ballots at /v/ (a QR code on the big screen opens one on a phone; no account)."""

app_name = "voting_public"
urlpatterns: list = []
