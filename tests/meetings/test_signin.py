"""Sign-in at the door: a rotating signed code, one person per code, expiry; staff sign-in."""

import pytest
from django.core import signing
from django.utils import timezone

from renda.core.errors import Refused
from renda.meetings import selectors, services
from renda.meetings.models import Attendee, Meeting
from renda.meetings.services import signin

pytestmark = pytest.mark.django_db


@pytest.fixture
def noticed(meeting, staff):
    return services.send_notice(meeting, by=staff)


def test_a_member_signs_in_with_the_door_code(noticed, staff, members):
    token, _until = services.door_code(noticed, by=staff)
    a = services.sign_in_with_code(token, by=members[0])
    assert a.present and a.sign_in_method == "qr"
    assert selectors.quorum(noticed).present == 1


def test_a_code_used_by_someone_else_is_refused(noticed, staff, members):
    token, _ = services.door_code(noticed, by=staff)
    services.sign_in_with_code(token, by=members[0])
    with pytest.raises(Refused) as e:
        services.sign_in_with_code(token, by=members[1])  # a photo of the code sent to a colleague
    assert e.value.code == "signin_code_used"
    assert not Attendee.objects.get(meeting=noticed, user=members[1]).present


def test_the_door_code_turns_over_after_use(noticed, staff, members):
    first, _ = services.door_code(noticed, by=staff)
    assert services.door_code(noticed, by=staff)[0] == first  # unused and fresh: the same code
    services.sign_in_with_code(first, by=members[0])
    second, _ = services.door_code(noticed, by=staff)
    assert second != first
    assert services.sign_in_with_code(second, by=members[1]).present


def test_signing_in_twice_is_harmless(noticed, staff, members):
    token, _ = services.door_code(noticed, by=staff)
    a = services.sign_in_with_code(token, by=members[0])
    again = services.sign_in_with_code(token, by=members[0])
    assert again.signed_in_at == a.signed_in_at


def test_an_expired_code_is_refused(noticed, staff, members, monkeypatch):
    token, _ = services.door_code(noticed, by=staff)
    later = timezone.now().timestamp() + 30 + signin.GRACE_SECONDS + 5  # policy 30 s + grace
    monkeypatch.setattr(signing.time, "time", lambda: later)
    with pytest.raises(Refused) as e:
        services.sign_in_with_code(token, by=members[0])
    assert e.value.code == "signin_code_expired"


def test_a_forged_code_and_a_stranger_are_refused(noticed, staff, members, outsider):
    with pytest.raises(Refused) as e:
        services.sign_in_with_code("not-a-signed-token", by=members[0])
    assert e.value.code == "signin_code_invalid"
    forged = signing.dumps({"m": noticed.pk, "n": "guess"}, salt="other-salt")
    with pytest.raises(Refused):
        services.sign_in_with_code(forged, by=members[0])
    token, _ = services.door_code(noticed, by=staff)
    with pytest.raises(Refused) as e:
        services.sign_in_with_code(token, by=outsider)
    assert e.value.code == "signin_not_called"


def test_no_sign_in_before_the_notice_or_after_closing(meeting, staff, members):
    with pytest.raises(Refused) as e:
        services.door_code(meeting, by=staff)
    assert e.value.code == "signin_closed"
    a = meeting.attendees.get(user=members[0])
    with pytest.raises(Refused):
        services.sign_in_by_staff(a, by=staff)


def test_staff_sign_in_and_undo(noticed, staff, members):
    a = noticed.attendees.get(user=members[0])
    assert services.sign_in_by_staff(a, by=staff).sign_in_method == "staff"
    assert not services.sign_in_by_staff(a, by=staff, undo=True).present


def test_the_phone_page_signs_in_with_a_post(noticed, staff, members, login):
    token, _ = services.door_code(noticed, by=staff)
    c = login(members[0])
    page = c.get(f"/work/meetings/sign-in/{token}/")
    assert page.status_code == 200 and "确认本人签到" in page.content.decode()
    assert not Attendee.objects.get(meeting=noticed, user=members[0]).present  # a GET changes nothing
    done = c.post(f"/work/meetings/sign-in/{token}/")
    assert "签到成功" in done.content.decode()
    other = login(members[1]).post(f"/work/meetings/sign-in/{token}/")
    assert other.status_code == 409 and "已被他人使用" in other.content.decode()


def test_door_screen_shows_a_qr_code(noticed, staff, login):
    r = login(staff).get(f"/work/meetings/{noticed.pk}/door/")
    assert r.status_code == 200 and "<svg" in r.content.decode()
    assert Meeting.objects.get(pk=noticed.pk).code_nonce
