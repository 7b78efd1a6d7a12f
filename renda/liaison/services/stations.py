"""代表之家、联络站“六有”标准 (seeds 003: 工作站硬件建设基本上实现“六有”要求; seeds 004: 规范代表家、站建设).

The standard is data per body (StandardItem, defaults below); each station's area, facilities and rules are
data (StationProfile); the gaps are what the two disagree on, plus the manual items found unmet."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from renda.core import audit
from renda.core.errors import Refused

from .. import permissions
from ..models import ItemKind, StandardItem, StationCheck, StationProfile

# The seeds name "六有" without listing it; the list is the common one of provincial 代表之家 standards, the
# area and the three areas from domain.md §4's draft operating standard. A body edits its own copy.
SIX = (
    ("site", "有场所", ItemKind.AREA, [], "固定场所，面积不少于参数中的最小面积（domain.md §4：100 平方米）"),
    ("sign", "有标识", ItemKind.FACILITY, ["标识牌"], "门口悬挂统一标识牌"),
    (
        "facilities",
        "有设施",
        ItemKind.FACILITY,
        ["接待区", "会议区", "展示区"],
        "设接待、会议、展示区域（domain.md §4 运行规范草案）",
    ),
    ("rules", "有制度", ItemKind.RULE, ["接待制度", "意见处理制度", "学习制度"], "主要制度上墙"),
    ("staff", "有人员", ItemKind.KEEPER, [], "有专人管理（联络站管理员）"),
    ("activities", "有活动", ItemKind.MANUAL, [], "定期开展接待选民和代表活动，有活动台账"),
)


def ensure_standard(body) -> list[StandardItem]:
    have = set(StandardItem.objects.filter(body=body).values_list("code", flat=True))
    StandardItem.objects.bulk_create(
        [
            StandardItem(body=body, code=c, name=n, kind=k, required=req, requirement=text, order=i)
            for i, (c, n, k, req, text) in enumerate(SIX)
            if c not in have
        ],
        ignore_conflicts=True,
    )
    return list(StandardItem.objects.filter(body=body, active=True))


def _clean_list(values) -> list[str]:
    out = []
    for v in values:
        v = str(v).strip()
        if v and v not in out:
            out.append(v[:30])
    return out


@transaction.atomic
def save_profile(station, *, area: int, facilities, rules, by) -> StationProfile:
    permissions.require_manage(by, station.body, action="登记站点建设情况")
    if area < 0 or area > 100_000:
        raise Refused("area_invalid", "面积应为 0–100000 平方米")
    profile, _ = StationProfile.objects.update_or_create(
        station=station,
        defaults={
            "area": area,
            "facilities": _clean_list(facilities),
            "rules": _clean_list(rules),
            "updated_on": timezone.localdate(),
            "updated_by": by,
        },
    )
    audit.record("liaison.station_profile", profile, by=by, after={"area": area})
    return profile


@transaction.atomic
def check(
    station, *, item: StandardItem, met: bool, note: str = "", by, on: date | None = None
) -> StationCheck:
    """A finding for a manual item (the others are computed from the profile)."""
    permissions.require_manage(by, station.body, action="检查站点达标情况")
    if item.kind != ItemKind.MANUAL:
        raise Refused(
            "item_is_computed", f"“{item.name}”按站点建设情况自动判断，请修改站点的面积、设施或制度"
        )
    if not station.body.path.startswith(item.body.path):
        raise Refused("item_other_body", "该标准项不适用于此站点")
    if not met and not note.strip():
        raise Refused("note_required", "未达标时请写明情况")
    row, _ = StationCheck.objects.update_or_create(
        station=station,
        item=item,
        defaults={
            "met": met,
            "note": note.strip(),
            "checked_on": on or timezone.localdate(),
            "checked_by": by,
        },
    )
    audit.record("liaison.station_check", row, by=by, after={"met": met})
    return row
