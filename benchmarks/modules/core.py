"""Core data: the body tree (province → city → county → township), handling units and accounts.

Leaves in `db.state`: "bodies" (list of `B`), "congresses" (the congress bodies of each level),
"townships", "units" (id, body id), "users", and "accounts" — the ids of the named accounts the
benchmarks sign in as: "county_staff" (staff of the first county's standing committee) and
"top_staff" (staff of the top standing committee, whose scope is everything).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from django.contrib.auth.hashers import make_password

from benchmarks import fake
from benchmarks.registry import generator
from renda.core.models import Body, BodyKind, Level, Unit, User
from renda.core.roles import Role
from renda.notify.models import Notification

BENCH_PASSWORD = "Bench-pass-2026"  # noqa: S105  (synthetic benchmark accounts only)
NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
COMMITTEES = (
    ("法制委员会", BodyKind.SPECIAL_COMMITTEE),
    ("财政经济委员会", BodyKind.SPECIAL_COMMITTEE),
    ("社会建设委员会", BodyKind.SPECIAL_COMMITTEE),
    ("代表工作委员会", BodyKind.WORKING_COMMITTEE),
)
BUREAUS = (
    "政府办公室",
    "发展和改革委员会",
    "教育局",
    "科学技术局",
    "公安局",
    "民政局",
    "司法局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "水利局",
    "农业农村局",
    "商务局",
    "文化广电旅游局",
    "卫生健康委员会",
    "退役军人事务局",
    "应急管理局",
    "审计局",
    "市场监督管理局",
    "医疗保障局",
    "城市管理局",
    "林业局",
    "数据局",
    "统计局",
    "乡村振兴局",
    "信访局",
    "国有资产监督管理委员会",
    "人民法院",
    "人民检察院",
    "供电公司",
    "自来水公司",
    "燃气公司",
    "体育局",
    "粮食和物资储备局",
    "气象局",
    "地方金融管理局",
    "行政审批局",
)
SUFFIX = {Level.PROVINCE: "省", Level.CITY: "市", Level.COUNTY: "县"}
BODY_FIELDS = (
    "id",
    "name",
    "short_name",
    "kind",
    "level",
    "parent_id",
    "region_code",
    "region_name",
    "path",
    "order",
)
USER_FIELDS = (
    "id",
    "password",
    "is_superuser",
    "username",
    "first_name",
    "last_name",
    "email",
    "is_staff",
    "is_active",
    "date_joined",
    "full_name",
    "role",
    "body_id",
    "unit_id",
    "phone",
    "is_demo",
)


@dataclass(frozen=True)
class B:
    id: int
    name: str
    kind: str
    level: str
    parent_id: int | None
    path: str
    region_code: str
    region_name: str


class _Tree:
    def __init__(self, db, rng) -> None:
        self.db, self.rng = db, rng
        self.rows: list[tuple] = []
        self.bodies: list[B] = []

    def add(
        self,
        name: str,
        kind: str,
        level: str,
        parent: B | None,
        code: str,
        region: str,
        short: str = "",
        order: int = 0,
    ) -> B:
        (pk,) = self.db.ids(Body, 1)
        body = B(
            pk,
            name,
            kind,
            level,
            parent.id if parent else None,
            f"{parent.path if parent else '/'}{pk}/",
            code,
            region,
        )
        self.rows.append((pk, name, short, kind, level, body.parent_id, code, region, body.path, order))
        self.bodies.append(body)
        return body

    def congress(self, place: str, level: str, parent: B | None, code: str, region: str) -> tuple[B, B]:
        """A congress with its standing committee and the special/working committees."""
        congress = self.add(
            f"{place}人民代表大会", BodyKind.CONGRESS, level, parent, code, region, f"{place}人大"
        )
        sc = self.add(
            f"{place}人大常委会", BodyKind.STANDING_COMMITTEE, level, congress, code, region, order=1
        )
        for i, (cname, kind) in enumerate(COMMITTEES):
            self.add(f"{place}人大{cname}", kind, level, congress, code, region, order=10 + i)
        return congress, sc


@generator(
    10, "人大机关、承办单位、账号", tables=("core_body", "core_unit", "core_user", "notify_notification")
)
def fill(scale, rng, db) -> None:
    tree = _Tree(db, rng)
    congresses: list[tuple[B, B]] = []
    townships: list[B] = []

    def county(place: str, parent: B | None, code: str, region: str) -> None:
        congress, sc = tree.congress(place, Level.COUNTY, parent, code, region)
        congresses.append((congress, sc))
        for t in range(scale.townships):
            town = fake.place(rng, t) + ("镇" if t % 4 else "街道")
            kind = BodyKind.SUBDISTRICT_COMMITTEE if town.endswith("街道") else BodyKind.PRESIDIUM
            suffix = "人大工委" if kind == BodyKind.SUBDISTRICT_COMMITTEE else "人大主席团"
            townships.append(
                tree.add(
                    f"{place}{town}{suffix}",
                    kind,
                    Level.TOWNSHIP,
                    congress,
                    f"{code}{t + 1:03d}",
                    f"{region}{town}",
                    short=town,
                    order=100 + t,
                )
            )

    def city(place: str, parent: B | None, code: str, region: str) -> None:
        congress, sc = tree.congress(place, Level.CITY, parent, code, region)
        congresses.append((congress, sc))
        for c in range(scale.counties):
            name = fake.place(rng, 5 * c + len(congresses)) + "县"
            county(name, congress, f"{code}{c + 21:02d}", f"{region}{name}")

    if scale.cities == 0:
        county("青山县", None, "360925", "江西省九江市青山县")
    elif scale.cities == 1:
        city("江州市", None, "3604", "江西省江州市")
    else:
        congress, sc = tree.congress("江西省", Level.PROVINCE, None, "36", "江西省")
        congresses.append((congress, sc))
        for i in range(scale.cities):
            name = fake.place(rng, 7 * i + 3) + "市"
            city(name, congress, f"36{i + 1:02d}", f"江西省{name}")
    db.write(Body, BODY_FIELDS, tree.rows)

    units = _units(scale, rng, db, [c for c, _ in congresses])
    users, accounts = _users(rng, db, congresses, townships, units)
    _notifications(rng, db, users)
    db.state.update(
        bodies=tree.bodies,
        congresses=[c for c, _ in congresses],
        townships=townships,
        units=units,
        users=users,
        accounts=accounts,
    )


def _units(scale, rng, db, congresses: list[B]) -> list[tuple[int, int]]:
    per = min(scale.units_per_body, len(BUREAUS))
    ids = iter(db.ids(Unit, per * len(congresses)))
    rows, units = [], []
    for congress in congresses:
        place = congress.name.removesuffix("人民代表大会")
        for bureau in BUREAUS[:per]:
            pk = next(ids)
            kind = (
                "court"
                if "法院" in bureau
                else "procuratorate"
                if "检察院" in bureau
                else "enterprise"
                if "公司" in bureau
                else "government"
            )
            rows.append(
                (
                    pk,
                    f"{place}{bureau}",
                    kind,
                    congress.id,
                    fake.name(rng),
                    fake.mobile(rng),
                    fake.address(rng, place),
                    True,
                )
            )
            units.append((pk, congress.id))
    db.write(
        Unit, ("id", "name", "kind", "body_id", "contact_name", "contact_phone", "address", "active"), rows
    )
    return units


def _users(rng, db, congresses, townships, units) -> tuple[list[tuple[int, str, int | None]], dict]:
    """Staff and a leader per standing committee, staff and a keeper per township, two per unit, the admins."""
    # One hash for every synthetic account (hashing 10⁵ passwords would take hours); deputies reuse it.
    password = db.state["password_hash"] = make_password(BENCH_PASSWORD)
    plan: list[tuple[str, str, int | None, int | None]] = []
    top_sc = congresses[0][1]
    for role in (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN):
        plan.append((f"bench-{role.value.split('_')[0]}", role, top_sc.id, None))
    plan.append(("bench-top", Role.STAFF, top_sc.id, None))
    county_sc = next(sc for c, sc in congresses if c.level == Level.COUNTY)
    plan.append(("bench-staff", Role.STAFF, county_sc.id, None))
    for _c, sc in congresses:
        plan += [(f"s{sc.id}", Role.STAFF, sc.id, None), (f"l{sc.id}", Role.LEADER, sc.id, None)]
    for t in townships:
        plan += [(f"s{t.id}", Role.STAFF, t.id, None), (f"k{t.id}", Role.STATION_KEEPER, t.id, None)]
    for unit_id, _body in units:
        plan += [
            (f"h{unit_id}", Role.UNIT_HANDLER, None, unit_id),
            (f"u{unit_id}", Role.UNIT_HEAD, None, unit_id),
        ]
    ids = db.ids(User, len(plan))
    names = fake.names(rng, len(plan))
    rows, users, accounts = [], [], {}
    for pk, (username, role, body_id, unit_id), full in zip(ids, plan, names, strict=True):
        rows.append(
            (
                pk,
                password,
                False,
                username,
                "",
                "",
                "",
                False,
                True,
                NOW,
                full,
                role,
                body_id,
                unit_id,
                fake.mobile(rng),
                False,
            )
        )
        users.append((pk, role, body_id))
        accounts[username] = pk
    db.write(User, USER_FIELDS, rows)
    return users, {"county_staff": accounts["bench-staff"], "top_staff": accounts["bench-top"]}


def _notifications(rng, db, users) -> None:
    """A few inbox entries per body account (some unread), so the home page's unread count has rows to count."""
    body_users = [pk for pk, role, body_id in users if body_id]
    ids = iter(db.ids(Notification, 4 * len(body_users)))
    rows = []
    for user_id in body_users:
        for k in range(4):
            read_at = None if k >= 2 else NOW
            rows.append(
                (
                    next(ids),
                    user_id,
                    f"提醒 {k + 1}：有事项待处理",
                    "请及时办理。",
                    "/work/",
                    NOW,
                    read_at,
                    "",
                )
            )
    db.write(
        Notification, ("id", "user_id", "title", "body", "url", "created_at", "read_at", "dedupe_key"), rows
    )
