"""Work-area screens at /work/insight/."""

app_name = "insight"
urlpatterns: list = []
