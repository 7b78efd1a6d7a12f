"""Every write to the registry. Views, the API, imports and other apps call these."""

from .changes import elect, end_mandate, move_constituency, record_change, restore_mandate, suspend_mandate
from .people import save_person, update_mandate
from .stations import save_station, set_mandate_stations, set_station_members

__all__ = [
    "elect",
    "end_mandate",
    "move_constituency",
    "record_change",
    "restore_mandate",
    "save_person",
    "save_station",
    "set_mandate_stations",
    "set_station_members",
    "suspend_mandate",
    "update_mandate",
]
