"""Public pages at /meetings/ (no login)."""

app_name = "meetings_public"
urlpatterns: list = []
