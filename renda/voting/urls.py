"""Work-area screens at /work/voting/."""

app_name = "voting"
urlpatterns: list = []
