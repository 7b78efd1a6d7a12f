"""Work-area screens at /work/dashboards/."""

from django.urls import path

from . import print_views, report_views, token_views, views

app_name = "dashboards"
urlpatterns = [
    path("", views.dashboard, name="home"),
    path("screen/", views.screen, name="screen"),
    path("screen/link/", views.kiosk_link, name="kiosk_link"),
    path("reports/", report_views.index, name="reports"),
    path("reports/monthly.xlsx", report_views.monthly, name="monthly"),
    path("reports/<slug:kind>.docx", report_views.report, name="report"),
    path("reports/<slug:kind>/template.docx", report_views.template_file, name="template_file"),
    path("reports/<slug:kind>/reset/", report_views.reset, name="template_reset"),
    path("print/handover/<int:pk>/", print_views.handover_sheet, name="print_handover"),
    path("print/reply/<int:pk>/", print_views.reply_letter, name="print_reply"),
    path("tokens/", token_views.mine, name="tokens"),
    path("tokens/<int:pk>/revoke/", token_views.revoke, name="token_revoke"),
]
