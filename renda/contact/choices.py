"""Value lists of voters' messages (domain.md §2, §4)."""

from django.db import models


class Status(models.TextChoices):
    RECEIVED = "received", "待受理"
    ACCEPTED = "accepted", "已受理"
    NOT_ACCEPTED = "not_accepted", "不予受理"
    FORWARDED = "forwarded", "已转办"
    REOPENED = "reopened", "重新办理"
    REPLIED = "replied", "已答复"
    RATED = "rated", "已评价"
    CONVERTED = "converted", "已转为代表建议"
    HOTLINE = "hotline", "已转12345热线"
    CLOSED = "closed", "已办结"


OPEN_STATUSES = (Status.RECEIVED, Status.ACCEPTED, Status.FORWARDED, Status.REOPENED, Status.REPLIED)
UNIT_OPEN = (Status.FORWARDED, Status.REOPENED)
# Steps the voter sees as a progress bar on the status page.
PUBLIC_STEPS = (
    Status.RECEIVED,
    Status.ACCEPTED,
    Status.FORWARDED,
    Status.REPLIED,
    Status.RATED,
    Status.CLOSED,
)


class Category(models.TextChoices):
    HOUSING = "housing", "住房与物业"
    ROADS = "roads", "道路交通"
    EDUCATION = "education", "教育"
    PENSIONS = "pensions", "社保与养老"
    ENVIRONMENT = "environment", "生态环境"
    HEALTH = "health", "医疗卫生"
    RURAL = "rural", "农业农村"
    JOBS = "jobs", "劳动就业"
    MARKET = "market", "市场监管"
    SAFETY = "safety", "公共安全"
    CITY = "city", "城市管理"
    OTHER = "other", "其他"


class Urgency(models.TextChoices):
    """The type chosen at acceptance; it sets the reply deadline (domain.md §2.3 feedback table)."""

    EMERGENCY = "emergency", "紧急（突发事件、危及生命财产安全）"
    UTILITIES = "utilities", "水电气热等时效性强"
    ORDINARY = "ordinary", "一般诉求"
    COMPLEX = "complex", "复杂诉求"


class Channel(models.TextChoices):
    WEB = "web", "网上留言"
    QR = "qr", "扫码留言"
    WALK_IN = "walk_in", "来站反映"
    PHONE = "phone", "电话反映"
    RECEPTION = "reception", "接待日反映"
    API = "api", "接口"


class NotAcceptedReason(models.TextChoices):
    """Exclusions: 北京市接诉即办工作条例 Art. 11; 广州网上联络站实施细则 (domain.md §2.1, §4)."""

    LITIGATION = "litigation", "属于诉讼、仲裁、行政复议等法定途径解决的事项"
    PETITION = "petition", "属于信访事项，应通过信访渠道反映"
    REPEAT = "repeat", "重复反映且无新情况、新理由"
    PRIVATE = "private", "涉及个人隐私或私人事务"
    OUTSIDE = "outside", "不属于公共事务，建议通过市场或社会渠道解决"
    UNLAWFUL = "unlawful", "诉求违反法律法规"
    ABUSIVE = "abusive", "内容含侮辱、谩骂等不当言论"
    EMPTY = "empty", "内容空泛，无具体诉求"
    ADVERTISING = "advertising", "广告或与履职无关的咨询"


class Outcome(models.TextChoices):
    ON_SPOT = "on_spot", "当场答复"
    UNIT = "unit", "转办承办单位"
    SUGGESTION = "suggestion", "转为代表建议"
    HOTLINE = "hotline", "转12345热线"


class Rating(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class ReplyKind(models.TextChoices):
    ON_SPOT = "on_spot", "当场答复"
    UNIT = "unit", "承办单位答复"
    NOTE = "note", "办理说明"


class ReceptionStatus(models.TextChoices):
    PLANNED = "planned", "计划中"
    PUBLISHED = "published", "已公布"
    SERVED = "served", "已接待"
    CANCELLED = "cancelled", "已取消"
