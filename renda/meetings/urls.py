"""Work-area screens at /work/meetings/."""

from django.urls import path

from .views import chair, documents, member, staff

app_name = "meetings"
urlpatterns = [
    path("", member.home, name="home"),
    path("new/", staff.new, name="new"),
    path("policy/", staff.policy, name="policy"),
    path("<int:pk>/", member.detail, name="detail"),
    path("<int:pk>/reply/", member.reply, name="reply"),
    path("<int:pk>/prepare/", staff.prepare, name="prepare"),
    path("<int:pk>/items/", staff.add_item, name="add_item"),
    path("<int:pk>/documents/", staff.add_document, name="add_document"),
    path("<int:pk>/attendees/", staff.add_attendees, name="add_attendees"),
    path("<int:pk>/schedule/", staff.reschedule, name="reschedule"),
    path("<int:pk>/attendees/remove/", staff.remove_attendee, name="remove_attendee"),
    path("<int:pk>/attendees/<int:attendee_pk>/<slug:action>/", staff.attendee_act, name="attendee_act"),
    path("<int:pk>/act/<slug:action>/", staff.act, name="act"),
    path("<int:pk>/delegations/", staff.new_delegation, name="new_delegation"),
    path("<int:pk>/minutes/", staff.minutes, name="minutes"),
    path("<int:pk>/minutes.docx", staff.minutes_docx, name="minutes_docx"),
    path("<int:pk>/control/", chair.control, name="control"),
    path("<int:pk>/control/item/", chair.set_item, name="set_item"),
    path("<int:pk>/control/timer/", chair.timer, name="timer"),
    path("<int:pk>/items/<int:item_pk>/poll/", chair.new_poll, name="new_poll"),
    path("<int:pk>/polls/<int:poll_pk>/<slug:action>/", chair.poll_act, name="poll_act"),
    path("<int:pk>/screen/", chair.screen, name="screen"),
    path("<int:pk>/door/", chair.door, name="door"),
    path("sign-in/<str:token>/", member.sign_in, name="sign_in"),
    path("documents/<int:pk>/", documents.reader, name="reader"),
    path("documents/<int:pk>/file/", documents.inline, name="inline"),
    path("documents/<int:pk>/download/", documents.download, name="download"),
    path("documents/<int:pk>/latest/", documents.latest, name="latest"),
]
