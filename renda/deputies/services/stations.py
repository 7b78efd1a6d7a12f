"""Liaison stations: where they are, who keeps them, which deputies sit there (domain.md §4)."""

from django.db import transaction

from renda.core import audit
from renda.core.errors import Refused
from renda.core.roles import Role

from ..models import Mandate, Station
from ..permissions import require_manage


@transaction.atomic
def save_station(station: Station, *, by, **values) -> Station:
    """Create or edit a station. Refuses a keeper who is not a station keeper of a body in scope."""
    body = values.get("body") or station.body
    if by is not None:
        require_manage(by, body, action="管理联络站")
    keeper = values.get("keeper")
    if keeper is not None and (
        keeper.role != Role.STATION_KEEPER
        or not keeper.body_id
        or not (keeper.body.is_within(body) or body.is_within(keeper.body))
    ):
        raise Refused("keeper_invalid", "管理员须为本地的联络站管理员账号")
    created = station.pk is None
    for k, v in values.items():
        setattr(station, k, v)
    station.save()
    audit.record(
        "deputies.station.create" if created else "deputies.station.update",
        station,
        by=by,
        after={k: str(v) for k, v in values.items()},
    )
    return station


@transaction.atomic
def set_station_members(station: Station, *, mandates: list[Mandate], by) -> Station:
    """Set which deputies sit at a station. Refuses ended mandates and mandates outside the station's area."""
    if by is not None:
        require_manage(by, station.body, action="安排代表进站")
    for m in mandates:
        if not m.is_current:
            raise Refused("member_not_current", f"{m.person}的代表资格已终止，不能进站")
    before = sorted(station.members.values_list("pk", flat=True))
    station.members.set(mandates)
    audit.record(
        "deputies.station.members",
        station,
        by=by,
        before={"mandates": before},
        after={"mandates": sorted(m.pk for m in mandates)},
    )
    return station


@transaction.atomic
def set_mandate_stations(mandate: Mandate, *, stations: list[Station], by) -> Mandate:
    """Set the stations a deputy sits at (from the deputy's side). Refuses stations outside the congress's
    area and an ended mandate."""
    if by is not None:
        require_manage(by, mandate.body, action="安排代表进站")
    if stations and not mandate.is_current:
        raise Refused("member_not_current", "代表资格已终止，不能进站")
    for st in stations:
        if not (st.body.is_within(mandate.body) or mandate.body.is_within(st.body)):
            raise Refused("station_foreign", f"{st.name}不在该代表所在人大的行政区域内")
    before = sorted(mandate.stations.values_list("pk", flat=True))
    mandate.stations.set(stations)
    audit.record(
        "deputies.mandate.stations",
        mandate,
        by=by,
        before={"stations": before},
        after={"stations": sorted(st.pk for st in stations)},
    )
    return mandate
