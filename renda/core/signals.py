from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from . import audit, context


def _ctx(request, user=None, username=""):
    return context.RequestContext(
        user=user, ip=context.client_ip(request) if request else None, username=username
    )


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    token = context.set_current(_ctx(request, user))
    try:
        audit.record("login", by=user, object_type="core.user", object_id=str(user.pk), object_repr=str(user))
    finally:
        context.reset(token)


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is None:
        return
    token = context.set_current(_ctx(request, user))
    try:
        audit.record(
            "logout", by=user, object_type="core.user", object_id=str(user.pk), object_repr=str(user)
        )
    finally:
        context.reset(token)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    token = context.set_current(_ctx(request, None, username))
    try:
        audit.record("login_failed", object_type="core.user", object_repr=username)
    finally:
        context.reset(token)
