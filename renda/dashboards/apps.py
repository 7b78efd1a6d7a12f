from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "renda.dashboards"
    label = "dashboards"
    verbose_name = "数据看板"

    def ready(self) -> None:
        from renda.core import nav
        from renda.core.roles import Role
        from renda.portal import links

        from . import figures, views

        figures.register_builtin()
        figures.register_optional()
        # The leader's home page is the dashboard (issue 19); core's home delegates to it.
        nav.register_home({Role.LEADER}, views.dashboard)
        nav.register_nav("数据看板", "dashboards:home", {Role.STAFF, Role.LEADER}, order=80)
        nav.register_nav("接口令牌", "dashboards:tokens", nav.ALL_BUSINESS - {Role.DEPUTY}, order=95)
        links.register(
            "开放数据", "代表、联络站、公开建议和积分，CSV/JSON 下载", "dashboards_public:open_data", order=90
        )
        nav.register_nav("接口令牌管理", "dashboards_admin:tokens", {Role.SECURITY_ADMIN}, order=95)
