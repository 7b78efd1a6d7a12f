"""Public pages at /surveys/ (no login)."""

app_name = "surveys_public"
urlpatterns: list = []
