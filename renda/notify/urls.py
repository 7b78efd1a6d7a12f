from django.urls import path

from . import views

app_name = "notify"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/read/", views.read, name="read"),
    path("preferences/", views.preferences, name="preferences"),
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/<int:pk>/", views.outbox_row, name="outbox_row"),
    path("outbox/<int:pk>/retry/", views.retry, name="retry"),
    path("policy/", views.policy, name="policy"),
    path("templates/", views.templates, name="templates"),
    path("templates/<str:code>/", views.template_edit, name="template_edit"),
]
