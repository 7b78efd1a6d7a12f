"""Public pages at /supervision/ (no login)."""

app_name = "supervision_public"
urlpatterns: list = []
