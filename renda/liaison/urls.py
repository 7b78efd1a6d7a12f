"""Work-area screens at /work/liaison/."""

app_name = "liaison"
urlpatterns: list = []
