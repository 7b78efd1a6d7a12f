"""Place names and occupations for the demo county (deterministic, no randomness here)."""

from .choices import OccupationCategory as O

_FIRST = "东西南北上下前后大小新老石柳桃杨李王黄塘岭坪湾溪田坑山桥港"
_SECOND = ("家", "田", "坑", "塘", "岭", "坪", "湾", "溪", "山", "桥", "源", "口", "洲", "冲", "垅")
_STREETS = (
    "人民路",
    "解放路",
    "建设路",
    "文化路",
    "胜利路",
    "朝阳路",
    "滨江路",
    "新华路",
    "和平路",
    "青年路",
    "中山路",
    "健康路",
    "幸福路",
    "光明路",
    "学府路",
    "工业路",
)


def places_for(township_index: int, short_name: str, count: int) -> list[str]:
    """`count` distinct community (街道) or village (乡镇, with one or two town communities) names."""
    if short_name.endswith("街道"):
        return [
            f"{_STREETS[(township_index * 3 + i) % len(_STREETS)]}社区"
            if i < len(_STREETS)
            else f"{short_name[:2]}第{i}社区"
            for i in range(count)
        ]
    names: list[str] = [f"{short_name[:2]}社区"] if short_name.endswith("镇") else []
    i = 0
    while len(names) < count:
        a = _FIRST[(township_index * 7 + i * 3) % len(_FIRST)]
        b = _SECOND[(township_index + i * 5) % len(_SECOND)]
        name = f"{a}{b}村"
        if name not in names:
            names.append(name)
        i += 1
    return names


# (category, weight, [(occupation, work-unit pattern)]); {t} is the township, {p} a place, {c} the county.
OCCUPATIONS = [
    (
        O.FARMER,
        24,
        [
            ("农民", "{t}{p}村民"),
            ("村党支部书记", "{t}{p}党支部书记、村委会主任"),
            ("种植大户", "{t}{p}家庭农场负责人"),
            ("养殖户", "{t}{p}养殖专业合作社理事长"),
        ],
    ),
    (
        O.WORKER,
        12,
        [
            ("技术工人", "江西{c}矿业有限公司工人"),
            ("车间主任", "{c}食品有限公司车间主任"),
            ("电工", "国网{c}供电公司{t}供电所电工"),
            ("快递员", "{c}顺达物流有限公司快递员"),
        ],
    ),
    (
        O.PROFESSIONAL,
        22,
        [
            ("教师", "{c}{t}中心小学教师"),
            ("医生", "{c}人民医院主任医师"),
            ("律师", "江西{c}律师事务所律师"),
            ("工程师", "{c}水利工程公司工程师"),
            ("农技师", "{c}农业技术推广中心农艺师"),
            ("护士", "{t}卫生院护士长"),
        ],
    ),
    (
        O.OFFICIAL,
        18,
        [
            ("党政干部", "中共{t}委员会书记"),
            ("党政干部", "{t}人民政府镇长"),
            ("党政干部", "{c}发展和改革局局长"),
            ("党政干部", "{c}人大常委会副主任"),
        ],
    ),
    (
        O.BUSINESS,
        14,
        [
            ("企业负责人", "江西{c}实业有限公司董事长"),
            ("企业负责人", "{c}新能源科技有限公司总经理"),
            ("个体工商户", "{t}{p}个体工商户"),
        ],
    ),
    (O.MILITARY, 2, [("军人", "{c}人民武装部部长")]),
    (
        O.OTHER,
        8,
        [
            ("社区工作者", "{t}{p}社区居委会主任"),
            ("退休人员", "{c}退休干部"),
            ("志愿者", "{c}义工联合会会长"),
        ],
    ),
]

COUNTY_PROFESSIONAL_GROUPS = (
    "法制专业小组",
    "财政经济专业小组",
    "教科文卫专业小组",
    "农业农村专业小组",
    "城建环保专业小组",
    "社会建设专业小组",
)
