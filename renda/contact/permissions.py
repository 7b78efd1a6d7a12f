"""Who may act on a voter's message, and as what (workflow.Actor). Services check; templates hide buttons."""

from renda.core.permissions import body_in_scope, has_role, is_business_user
from renda.core.roles import UNIT_ROLES, Role

from .workflow import Actor, allowed

STAFF_ROLES = (Role.STAFF,)
READ_ROLES = (Role.STAFF, Role.LEADER)


def is_addressed_deputy(user, message) -> bool:
    m = message.mandate
    return bool(m is not None and user.is_authenticated and m.person.user_id == user.pk)


def sits_at_station(user, message) -> bool:
    """Deputies stationed at the message's station receive voters there (domain.md §4)."""
    return bool(
        message.station_id
        and user.is_authenticated
        and message.station.members.filter(person__user=user).exists()
    )


def keeps_station(user, message) -> bool:
    st = message.station
    return bool(st is not None and user.is_authenticated and st.keeper_id == user.pk)


def actor_for(user, message) -> str | None:
    """The capacity in which `user` acts on `message`, or None if they have no part in it."""
    if not is_business_user(user):
        return None
    if user.role in UNIT_ROLES:
        return Actor.UNIT if message.unit_id and message.unit_id == user.unit_id else None
    if has_role(user, Role.STAFF) and body_in_scope(user, message.body):
        return Actor.STAFF
    if has_role(user, Role.STATION_KEEPER) and (
        keeps_station(user, message) or body_in_scope(user, message.body)
    ):
        return Actor.KEEPER
    if has_role(user, Role.DEPUTY) and (is_addressed_deputy(user, message) or sits_at_station(user, message)):
        return Actor.DEPUTY
    return None


def can_read(user, message) -> bool:
    if actor_for(user, message) is not None:
        return True
    return has_role(user, Role.LEADER) and body_in_scope(user, message.body)


def actions_for(user, message) -> list[str]:
    """The steps `user` may take on `message` now (the table's `allowed`); `None`: the voter with the code."""
    return [s.action for s in allowed(message, user)]


def can_manage_station(user, station) -> bool:
    """Staff of the station's body (or above) and the station's keeper plan reception days."""
    if has_role(user, Role.STAFF) and body_in_scope(user, station.body):
        return True
    return has_role(user, Role.STATION_KEEPER) and (
        station.keeper_id == user.pk or body_in_scope(user, station.body)
    )


POSTER_ROLES = (Role.STAFF, Role.LEADER, Role.STATION_KEEPER, Role.DEPUTY)


def can_print_station_poster(user, station) -> bool:
    """As the station's pages: staff and leaders of its body or above (the registry's station page), its keeper
    or a keeper of that body (the reception-day page)."""
    if has_role(user, Role.STAFF, Role.LEADER) and body_in_scope(user, station.body):
        return True
    return can_manage_station(user, station)


def can_print_deputy_poster(user, mandate) -> bool:
    """As the deputy's pages: staff and leaders of the seat's body or above, a keeper of a station the deputy
    sits at, and the deputy themself. The caller has already refused a seat that is not active."""
    if has_role(user, Role.STAFF, Role.LEADER, Role.STATION_KEEPER) and body_in_scope(user, mandate.body):
        return True
    if has_role(user, Role.STATION_KEEPER) and mandate.stations.filter(keeper=user, active=True).exists():
        return True
    return has_role(user, Role.DEPUTY) and mandate.person.user_id == user.pk


def can_edit_policy(user, body) -> bool:
    return has_role(user, *STAFF_ROLES) and body_in_scope(user, body)
