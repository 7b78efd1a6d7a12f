"""Work-area screens at /work/liaison/."""

from django.urls import path

from .views import (
    deputy,
    handbook,
    links,
    meetings,
    member,
    officers,
    plans,
    research,
    settings,
    sittings,
    stations,
    training,
)

app_name = "liaison"
urlpatterns = [
    path("", deputy.home, name="home"),
    # deputy (phone)
    path("my/", deputy.my, name="my"),
    path("my/sittings/<int:pk>/reply/", deputy.sitting_reply, name="sitting_reply"),
    path("my/courses/<int:pk>/sign-in/", deputy.course_sign_in, name="course_sign_in"),
    path("meetings/new/", meetings.request_new, name="meeting_new"),
    path("handbook/<int:pk>/", handbook.handbook, name="handbook"),
    # standing-committee member
    path("member/", member.member, name="member"),
    # office
    path("overview/", links.overview, name="overview"),
    path("links/", links.links, name="links"),
    path("links/<int:pk>/end/", links.unlink, name="unlink"),
    path("meetings/", meetings.meetings, name="meetings"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/<slug:action>/", meetings.meeting_action, name="meeting_action"),
    path("sittings/", sittings.sittings, name="sittings"),
    path("sittings/<int:pk>/", sittings.sitting_detail, name="sitting"),
    path("sittings/<int:pk>/<slug:action>/", sittings.sitting_action, name="sitting_action"),
    path("courses/", training.courses, name="courses"),
    path("courses/<int:pk>/", training.course_detail, name="course"),
    path("courses/<int:pk>/<slug:action>/", training.course_action, name="course_action"),
    path("materials/<int:pk>/", training.material_file, name="material"),
    path("plans/", plans.plans, name="plans"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan"),
    path("plans/<int:pk>/<slug:action>/", plans.plan_action, name="plan_action"),
    path("plan-activities/<int:pk>/<slug:action>/", plans.activity_action, name="activity_action"),
    path("research/", research.topics, name="topics"),
    path("research/<int:pk>/", research.topic_detail, name="topic"),
    path("research/<int:pk>/<slug:action>/", research.topic_action, name="topic_action"),
    path("officers/", officers.officers, name="officers"),
    path("officers/<int:pk>/", officers.officer_detail, name="officer"),
    path("officers/mine/", officers.mine, name="officer_mine"),
    path("stations/", stations.standing, name="stations"),
    path("stations/<int:pk>/", stations.station_detail, name="station"),
    path("policy/", settings.policy, name="policy"),
]
