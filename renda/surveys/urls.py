"""Work-area screens at /work/surveys/."""

from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("", views.survey_list, name="list"),
    path("new/", views.survey_new, name="new"),
    path("mine/", views.mine, name="mine"),
    path("<int:pk>/", views.survey_detail, name="detail"),
    path("<int:pk>/edit/", views.survey_edit, name="edit"),
    path("<int:pk>/sections/", views.add_section, name="add_section"),
    path("<int:pk>/questions/", views.add_question, name="add_question"),
    path("<int:pk>/do/<slug:action>/", views.survey_action, name="action"),
    path("q/<int:qid>/<slug:action>/", views.question_action, name="question_action"),
    path("<int:pk>/preview/", views.preview, name="preview"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/participants/", views.participants, name="participants"),
    path("<int:pk>/answers.xlsx", views.export_xlsx, name="xlsx"),
    path("<int:pk>/report.docx", views.report_docx, name="docx"),
    path("<int:pk>/qr.svg", views.qr, name="qr"),
    path("<int:pk>/paper/", views.paper, name="paper"),
    path("<int:pk>/answer/", views.answer, name="answer"),
]
