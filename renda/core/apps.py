from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "renda.core"
    label = "core"
    verbose_name = "基础"

    def ready(self) -> None:
        from . import nav, signals  # noqa: F401  (signals: login/logout audit)
        from .roles import Role

        nav.register_nav("人大机关", "core:body_list", {Role.STAFF, Role.LEADER}, order=80)
        nav.register_nav("承办单位", "core:unit_list", {Role.STAFF, Role.LEADER}, order=81)
        nav.register_nav("账号管理", "core:users", {Role.SYSTEM_ADMIN}, order=10)
        nav.register_nav("节假日安排", "core:calendar", {Role.SYSTEM_ADMIN}, order=11)
        nav.register_nav("登录锁定", "core:lockouts", {Role.SECURITY_ADMIN}, order=10)
        nav.register_nav("审计日志", "core:audit_log", {Role.AUDIT_ADMIN}, order=10)
