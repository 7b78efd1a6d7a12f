"""Work-area screens at /work/insight/."""

from django.urls import path

from . import views

app_name = "insight"
urlpatterns = [
    path("hot/", views.hot, name="hot"),
    path("hot/shared/<str:ref>/", views.shared_message, name="shared_message"),
    path("models/", views.models_page, name="models"),
    path("similar/", views.similar_draft, name="similar_draft"),
    path("<str:kind>/<int:pk>/route/", views.route_hint, name="route"),
    path("<str:kind>/<int:pk>/route/verdict/", views.route_verdict, name="route_verdict"),
    path("<str:kind>/<int:pk>/similar/", views.similar_item, name="similar"),
    path("<str:kind>/<int:pk>/merge/", views.merge, name="merge"),
    path("<str:kind>/<int:pk>/reply-hints/", views.reply_hints, name="reply_hints"),
]
