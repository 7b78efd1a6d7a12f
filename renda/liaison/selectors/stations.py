"""Each station against the body's standard: met or not, and why (the gaps)."""

from dataclasses import dataclass

from renda.deputies.choices import StationKind
from renda.deputies.models import Station

from ..models import ItemKind, StandardItem, StationCheck, StationProfile
from ..services.common import policy_for
from ..services.stations import ensure_standard


@dataclass
class Finding:
    item: StandardItem
    met: bool
    detail: str


def _finding(
    item: StandardItem, station: Station, profile: StationProfile | None, check, min_area: int
) -> Finding:
    if item.kind == ItemKind.AREA:
        area = profile.area if profile else 0
        ok = area >= min_area
        return Finding(item, ok, f"面积 {area} 平方米" + ("" if ok else f"，不足 {min_area} 平方米"))
    if item.kind in (ItemKind.FACILITY, ItemKind.RULE):
        have = set(
            (profile.facilities if item.kind == ItemKind.FACILITY else profile.rules) if profile else []
        )
        missing = [x for x in item.required if x not in have]
        return Finding(item, not missing, "齐全" if not missing else "缺少：" + "、".join(missing))
    if item.kind == ItemKind.KEEPER:
        ok = station.keeper_id is not None
        return Finding(item, ok, "已配备管理员" if ok else "未配备管理员")
    if check is None:
        return Finding(item, False, "尚未检查")
    return Finding(item, check.met, check.note or ("达标" if check.met else "未达标"))


def station_standing(body, stations=None) -> list[dict]:
    """[{station, profile, findings, gaps}] for the stations of `body`'s tree: a fixed number of queries."""
    items = ensure_standard(body)
    stations = list(
        stations
        if stations is not None
        else Station.objects.filter(body__path__startswith=body.path, active=True)
    )
    # "六有" is about premises: an online station (网上联络站) has none to check
    stations = [s for s in stations if s.kind != StationKind.ONLINE]
    ids = [s.pk for s in stations]
    profiles = {p.station_id: p for p in StationProfile.objects.filter(station_id__in=ids)}
    checks = {(c.station_id, c.item_id): c for c in StationCheck.objects.filter(station_id__in=ids)}
    min_area = policy_for(body).min_station_area
    out = []
    for s in stations:
        findings = [_finding(i, s, profiles.get(s.pk), checks.get((s.pk, i.pk)), min_area) for i in items]
        out.append(
            {
                "station": s,
                "profile": profiles.get(s.pk),
                "findings": findings,
                "gaps": [f for f in findings if not f.met],
            }
        )
    return out
