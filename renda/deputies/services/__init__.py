"""Every write to the registry. Views, the API, imports and other apps call these."""

from .changes import elect, end_mandate, move_constituency, record_change, restore_mandate, suspend_mandate
from .imports import check_upload, confirm_import
from .people import register_deputy, save_person, update_mandate
from .stations import save_station, set_mandate_stations, set_station_members

__all__ = [
    "check_upload",
    "confirm_import",
    "elect",
    "end_mandate",
    "move_constituency",
    "record_change",
    "register_deputy",
    "restore_mandate",
    "save_person",
    "save_station",
    "set_mandate_stations",
    "set_station_members",
    "suspend_mandate",
    "update_mandate",
]
