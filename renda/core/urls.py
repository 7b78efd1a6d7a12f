from django.urls import path

from .views import admin, audit_log, auth, bodies, home

app_name = "core"
urlpatterns = [
    path("", home.home, name="home"),
    path("accounts/login/", auth.login_view, name="login"),
    path("accounts/logout/", auth.logout_view, name="logout"),
    path("accounts/otp/", auth.otp_view, name="otp"),
    path("bodies/", bodies.body_list, name="body_list"),
    path("bodies/<int:pk>/", bodies.body_detail, name="body_detail"),
    path("units/", bodies.unit_list, name="unit_list"),
    path("admin/calendar/", admin.calendar_index, name="calendar"),
    path("admin/calendar/save/", admin.calendar_save, name="calendar_save"),
    path("admin/calendar/<int:year>/", admin.calendar_year, name="calendar_year"),
    path("admin/audit/", audit_log.audit_log, name="audit_log"),
    path("admin/audit/export/", audit_log.audit_export, name="audit_export"),
    path("admin/audit/verify/", audit_log.audit_verify, name="audit_verify"),
    path("admin/users/", admin.users, name="users"),
    path("admin/users/<int:pk>/active/", admin.user_active, name="user_active"),
    path("admin/users/<int:pk>/password/", admin.user_password, name="user_password"),
    path("admin/lockouts/", admin.lockouts, name="lockouts"),
    path("admin/lockouts/<int:pk>/unlock/", admin.unlock, name="unlock"),
]
