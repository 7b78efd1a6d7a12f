from django.urls import path

from .views import deputy, detail, leader, rankings, staff, unit

app_name = "suggestions"
urlpatterns = [
    path("", detail.home, name="home"),
    path("list/", detail.item_list, name="list"),
    path("<int:pk>/", detail.item_detail, name="detail"),
    path("<int:pk>/act/<slug:action>/", detail.act, name="act"),
    path("<int:pk>/replies/<int:reply_id>/document/", detail.reply_document, name="reply_document"),
    path("mine/", deputy.mine, name="mine"),
    path("new/", deputy.new, name="new"),
    path("cosigners/", deputy.cosigner_search, name="cosigner_search"),
    path("<int:pk>/edit/", deputy.edit, name="edit"),
    path("staff/", staff.dashboard, name="staff"),
    path("screening/", staff.screening, name="screening"),
    path("board/", staff.board, name="board"),
    path("overdue/", staff.overdue, name="overdue"),
    path("policy/", staff.policy_edit, name="policy"),
    path("workflow/", staff.workflow_table, name="workflow"),
    path("unit/", unit.todo, name="unit"),
    path("leader/", leader.dashboard, name="leader"),
    path("leader/supervise/", leader.supervise, name="supervise"),
    path("rankings/", rankings.rankings, name="rankings"),
    path("rankings/export.xlsx", rankings.export_xlsx, name="rankings_xlsx"),
    path("rankings/report.docx", rankings.report_docx, name="rankings_docx"),
]
