"""Work-area screens at /work/meetings/."""

app_name = "meetings"
urlpatterns: list = []
