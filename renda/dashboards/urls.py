"""Work-area screens at /work/dashboards/."""

app_name = "dashboards"
urlpatterns: list = []
