from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "renda.portal"
    label = "portal"
    verbose_name = "门户"
