"""Work-area screens at /work/contact/."""

from django.urls import path

from .views import handling, lists, posters, privacy, stations, stats

app_name = "contact"
urlpatterns = [
    path("", lists.message_list, name="list"),
    path("overdue/", lists.overdue, name="overdue"),
    path("export.xlsx", lists.export_xlsx, name="export"),
    path("mine/", lists.mine, name="mine"),
    path("unit/", lists.unit_todo, name="unit_todo"),
    path("register/", stations.register, name="register"),
    path("<int:pk>/", handling.detail, name="detail"),
    path("<int:pk>/do/<str:action>/", handling.act, name="act"),
    path("<int:pk>/photos/<int:photo_id>/", handling.photo, name="photo"),
    path("receptions/", stations.receptions, name="receptions"),
    path("receptions/<int:pk>/<str:action>/", stations.reception_act, name="reception_act"),
    path("schedule/", stations.my_schedule, name="my_schedule"),
    path("schedule/<int:pk>/<str:action>/", stations.duty_act, name="duty_act"),
    path("rates/", stats.rate_ranking, name="rates"),
    path("rates.xlsx", stats.rate_xlsx, name="rates_xlsx"),
    path("stats/", stats.statistics, name="stats"),
    path("policy/", stats.policy, name="policy"),
    path("privacy/", privacy.requests, name="privacy"),
    path("stations/<int:pk>/poster/", posters.station_poster, name="station_poster"),
    path("deputies/<int:pk>/poster/", posters.deputy_poster, name="deputy_poster"),
]
