"""Stand-ins for the providers on loopback (renda/notify/standins.py), wired in through the documented
settings: Django's EMAIL_* for SMTP, NOTIFY_SMS_* and NOTIFY_WECHAT_* for the gateways."""

import pytest

from renda.notify.standins import GatewayStandIn, SmtpStandIn


@pytest.fixture
def smtp(settings):
    with SmtpStandIn() as s:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", s.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = 5
        yield s


@pytest.fixture
def gateway(settings):
    with GatewayStandIn() as g:
        settings.NOTIFY_SMS_BACKEND = "http"
        settings.NOTIFY_SMS_URL = g.url
        settings.NOTIFY_SMS_TIMEOUT = "1"
        settings.NOTIFY_WECHAT_API = g.url
        settings.NOTIFY_WECHAT_TEMPLATE_SUGGESTION_REPLIED = "TPL-REPLIED"
        settings.NOTIFY_WECHAT_TEMPLATE_MESSAGE = "TPL-MSG"
        yield g
