"""Work-area screens at /work/surveys/."""

app_name = "surveys"
urlpatterns: list = []
