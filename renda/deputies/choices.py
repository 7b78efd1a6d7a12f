"""Fixed value lists of the registry: the 56 official ethnic groups, political affiliation, education, etc."""

from django.db import models

# 中华人民共和国的 56 个民族（国家标准 GB/T 3304 的顺序）.
ETHNICITIES = (
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
)
ETHNICITY_CHOICES = [(e, e) for e in ETHNICITIES]


class Gender(models.TextChoices):
    MALE = "M", "男"
    FEMALE = "F", "女"


class Party(models.TextChoices):
    """Political affiliation: the CPC, the eight democratic parties, non-party, the masses."""

    CPC = "cpc", "中共党员"
    RCCK = "rcck", "民革党员"
    CDL = "cdl", "民盟盟员"
    CNDCA = "cndca", "民建会员"
    CAPD = "capd", "民进会员"
    CPWDP = "cpwdp", "农工党党员"
    CZGD = "czgd", "致公党党员"
    JS = "js", "九三学社社员"
    TDSGL = "tdsgl", "台盟盟员"
    NON_PARTY = "nonparty", "无党派人士"
    MASSES = "masses", "群众"


# A blank 政治面貌 is stored as "" and shown (and counted in statistics) as this.
PARTY_UNKNOWN = "未填"
# The registry filter's value for "政治面貌 blank" (a query parameter cannot carry "").
PARTY_UNKNOWN_FILTER = "unknown"


class Education(models.TextChoices):
    DOCTORATE = "doctorate", "博士研究生"
    MASTER = "master", "硕士研究生"
    BACHELOR = "bachelor", "大学本科"
    COLLEGE = "college", "大学专科"
    SECONDARY = "secondary", "中专/高中"
    JUNIOR = "junior", "初中"
    PRIMARY = "primary", "小学及以下"


class OccupationCategory(models.TextChoices):
    """The composition categories congresses report (代表构成): 一线工人农民、专业技术人员、党政领导干部…"""

    WORKER = "worker", "工人"
    FARMER = "farmer", "农民"
    PROFESSIONAL = "professional", "专业技术人员"
    OFFICIAL = "official", "党政领导干部"
    BUSINESS = "business", "企业负责人"
    MILITARY = "military", "解放军和武警"
    OTHER = "other", "其他"


class MandateStatus(models.TextChoices):
    ACTIVE = "active", "在任"
    SUSPENDED = "suspended", "暂停执行职务"
    ENDED = "ended", "已终止"


# A mandate in one of these states holds its seat: at most one per person, body and term.
CURRENT_STATUSES = (MandateStatus.ACTIVE, MandateStatus.SUSPENDED)


class ChangeKind(models.TextChoices):
    """Changes of mandate (domain.md §3.1; 代表法 Art. 49–55)."""

    ELECTED = "elected", "当选"
    BY_ELECTION = "by_election", "补选"
    RESIGNED = "resigned", "辞职"
    RECALLED = "recalled", "罢免"
    TERMINATED = "terminated", "终止代表资格"
    SUSPENDED = "suspended", "暂停执行代表职务"
    RESTORED = "restored", "恢复执行代表职务"
    MOVED = "moved", "调整选区"
    DECEASED = "deceased", "去世"


# Kinds that end a mandate, that start one, that only pause or resume it.
ENDING_KINDS = frozenset(
    {ChangeKind.RESIGNED, ChangeKind.RECALLED, ChangeKind.TERMINATED, ChangeKind.DECEASED}
)
STARTING_KINDS = frozenset({ChangeKind.ELECTED, ChangeKind.BY_ELECTION})


class StationKind(models.TextChoices):
    STATION = "station", "代表联络站"
    HOUSE = "house", "代表之家"
    STUDIO = "studio", "代表工作室"
    ONLINE = "online", "网上联络站"
