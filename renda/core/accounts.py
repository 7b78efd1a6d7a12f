"""Writes to a user's second factor (issue 15 "views never write"): the sign-in pages call these."""

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit
from .models import User

DEVICE_NAME = "手机验证器"


def _record(action: str, user: User) -> None:
    audit.record(action, by=user, object_type="core.user", object_id=str(user.pk), object_repr=str(user))


@transaction.atomic
def start_otp_enrolment(user: User, *, by: User) -> TOTPDevice:
    """The user's unconfirmed authenticator to scan (one per user, kept until confirmed, so reloading the
    page shows the same QR code). Refuses nobody: a user without a confirmed device must enrol to sign in."""
    User.objects.select_for_update().filter(pk=user.pk).first()  # two tabs at once make one device
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
        _record("otp_enrolment_started", by)
    return device


@transaction.atomic
def confirm_otp_device(device: TOTPDevice, *, by: User) -> TOTPDevice:
    """Mark the scanned authenticator as the user's second factor, once its first code was verified."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    _record("otp_enrolled", by)
    return device
