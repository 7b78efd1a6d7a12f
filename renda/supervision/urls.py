"""Work-area screens at /work/supervision/."""

app_name = "supervision"
urlpatterns: list = []
