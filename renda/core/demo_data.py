"""The core step of the demo: one county, its committees, 12 townships, 30 units and one account per role."""

from django.db import transaction
from faker import Faker

from .demo import DEMO_PASSWORD, DemoCounty
from .models import Body, BodyKind, Level, Unit, UnitKind, User
from .roles import Role

COUNTY = ("青山县", "360925")
TOWNSHIPS = [
    ("城关镇", BodyKind.PRESIDIUM),
    ("青石镇", BodyKind.PRESIDIUM),
    ("柳溪镇", BodyKind.PRESIDIUM),
    ("白沙镇", BodyKind.PRESIDIUM),
    ("石桥镇", BodyKind.PRESIDIUM),
    ("龙泉乡", BodyKind.PRESIDIUM),
    ("桃源乡", BodyKind.PRESIDIUM),
    ("凤岭乡", BodyKind.PRESIDIUM),
    ("东城街道", BodyKind.SUBDISTRICT_COMMITTEE),
    ("西城街道", BodyKind.SUBDISTRICT_COMMITTEE),
    ("南湖街道", BodyKind.SUBDISTRICT_COMMITTEE),
    ("北山街道", BodyKind.SUBDISTRICT_COMMITTEE),
]
COMMITTEES = [
    ("法制委员会", BodyKind.SPECIAL_COMMITTEE),
    ("财政经济委员会", BodyKind.SPECIAL_COMMITTEE),
    ("社会建设委员会", BodyKind.SPECIAL_COMMITTEE),
    ("代表工作委员会", BodyKind.WORKING_COMMITTEE),
]
UNITS = [
    ("县政府办公室", UnitKind.GOVERNMENT),
    ("县发展和改革局", UnitKind.GOVERNMENT),
    ("县教育体育局", UnitKind.GOVERNMENT),
    ("县科学技术局", UnitKind.GOVERNMENT),
    ("县公安局", UnitKind.GOVERNMENT),
    ("县民政局", UnitKind.GOVERNMENT),
    ("县司法局", UnitKind.GOVERNMENT),
    ("县财政局", UnitKind.GOVERNMENT),
    ("县人力资源和社会保障局", UnitKind.GOVERNMENT),
    ("县自然资源局", UnitKind.GOVERNMENT),
    ("县生态环境局", UnitKind.GOVERNMENT),
    ("县住房和城乡建设局", UnitKind.GOVERNMENT),
    ("县交通运输局", UnitKind.GOVERNMENT),
    ("县水利局", UnitKind.GOVERNMENT),
    ("县农业农村局", UnitKind.GOVERNMENT),
    ("县商务局", UnitKind.GOVERNMENT),
    ("县文化广电新闻出版旅游局", UnitKind.GOVERNMENT),
    ("县卫生健康委员会", UnitKind.GOVERNMENT),
    ("县退役军人事务局", UnitKind.GOVERNMENT),
    ("县应急管理局", UnitKind.GOVERNMENT),
    ("县审计局", UnitKind.GOVERNMENT),
    ("县市场监督管理局", UnitKind.GOVERNMENT),
    ("县医疗保障局", UnitKind.GOVERNMENT),
    ("县城市管理局", UnitKind.GOVERNMENT),
    ("县林业局", UnitKind.GOVERNMENT),
    ("县数据局", UnitKind.GOVERNMENT),
    ("县人民法院", UnitKind.COURT),
    ("县人民检察院", UnitKind.PROCURATORATE),
    ("国网青山县供电公司", UnitKind.ENTERPRISE),
    ("县自来水公司", UnitKind.ENTERPRISE),
]


@transaction.atomic
def build_core(seed: int = 20261125) -> DemoCounty:
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    name, code = COUNTY
    county = Body.objects.create(
        name=f"{name}人民代表大会",
        short_name=f"{name}人大",
        kind=BodyKind.CONGRESS,
        level=Level.COUNTY,
        region_code=code,
        region_name=f"江西省九江市{name}",
    )
    sc = Body.objects.create(
        name=f"{name}人大常委会",
        kind=BodyKind.STANDING_COMMITTEE,
        level=Level.COUNTY,
        parent=county,
        region_code=code,
        region_name=county.region_name,
        order=1,
    )
    for i, (cname, kind) in enumerate(COMMITTEES):
        Body.objects.create(
            name=f"{name}人大{cname}",
            kind=kind,
            level=Level.COUNTY,
            parent=county,
            region_code=code,
            region_name=county.region_name,
            order=10 + i,
        )
    townships = []
    for i, (tname, kind) in enumerate(TOWNSHIPS, start=1):
        suffix = "人大主席团" if kind == BodyKind.PRESIDIUM else "人大工委"
        townships.append(
            Body.objects.create(
                name=f"{tname}{suffix}",
                short_name=tname,
                kind=kind,
                level=Level.TOWNSHIP,
                parent=county,
                region_code=f"{code}{100 + i:03d}",
                region_name=f"{county.region_name}{tname}",
                order=100 + i,
            )
        )
    units = [
        Unit(
            name=uname.replace("县", f"{name}", 1) if uname.startswith("县") else uname,
            kind=kind,
            body=county,
            contact_name=fake.name(),
            contact_phone=fake.phone_number(),
            address=f"{name}{fake.street_address()}",
        )
        for uname, kind in UNITS
    ]
    Unit.objects.bulk_create(units)
    units = list(Unit.objects.filter(body=county).order_by("id"))
    housing = next(u for u in units if "住房和城乡建设" in u.name)
    accounts = {
        "staff": (Role.STAFF, sc, None, "县人大常委会办公室工作人员"),
        "leader": (Role.LEADER, sc, None, "县人大常委会副主任"),
        "deputy": (Role.DEPUTY, county, None, "县人大代表"),
        "handler": (Role.UNIT_HANDLER, None, housing, "县住建局经办人"),
        "unithead": (Role.UNIT_HEAD, None, housing, "县住建局负责人"),
        "keeper": (Role.STATION_KEEPER, townships[0], None, "城关镇联络站管理员"),
        "township": (Role.STAFF, townships[0], None, "城关镇人大主席团工作人员"),
        "sysadmin": (Role.SYSTEM_ADMIN, sc, None, "系统管理员"),
        "secadmin": (Role.SECURITY_ADMIN, sc, None, "安全管理员"),
        "auditor": (Role.AUDIT_ADMIN, sc, None, "审计管理员"),
    }
    made = {}
    for username, (role, body, unit, _title) in accounts.items():
        user = User(
            username=username,
            full_name=fake.name(),
            role=role,
            body=body,
            unit=unit,
            phone=fake.phone_number(),
            is_demo=True,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        made[username] = user
    return DemoCounty(county=county, standing_committee=sc, townships=townships, units=units, accounts=made)


def describe_accounts() -> list[tuple[str, str, str]]:
    return [(u.username, u.role_label, u.org_name) for u in User.objects.filter(is_demo=True).order_by("id")]
