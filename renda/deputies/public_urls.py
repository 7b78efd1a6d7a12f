from django.urls import path

from .views import public

app_name = "deputies_public"
urlpatterns = [
    path("", public.deputy_list, name="list"),
    path("find/", public.find, name="find"),
    path("<int:pk>/", public.profile, name="profile"),
]
