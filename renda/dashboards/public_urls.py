"""Public pages at /open/ (no login)."""

app_name = "dashboards_public"
urlpatterns: list = []
