"""Fixed value lists of duty performance (domain.md §3)."""

from django.db import models


class Category(models.TextChoices):
    """The sections of the duty file a record files under (domain.md §3.2, sections 2–7)."""

    MEETING = "meeting", "出席会议"
    INSPECTION = "inspection", "视察调研"
    TRAINING = "training", "学习培训"
    GROUP = "group", "代表小组活动"
    SUGGESTION = "suggestion", "建议意见"
    VOTERS = "voters", "向选民述职和接受监督"
    OTHER = "other", "其他履职"


class Source(models.TextChoices):
    AUTOMATIC = "automatic", "系统自动记录"
    ACTIVITY = "activity", "组织活动考勤"
    DECLARED = "declared", "代表申报"


class Outcome(models.TextChoices):
    ATTENDED = "attended", "出席"
    LEAVE = "leave", "请假"
    ABSENT = "absent", "缺席（未请假）"


class Review(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已确认"
    REJECTED = "rejected", "已退回"


class LeaveStatus(models.TextChoices):
    PENDING = "pending", "待批准"
    APPROVED = "approved", "已批准"
    REFUSED = "refused", "未批准"
    WITHDRAWN = "withdrawn", "已撤回"


class Cycle(models.TextChoices):
    QUARTERLY = "quarterly", "每季度亮分"
    YEARLY = "yearly", "每年公布"


class TriggerKind(models.TextChoices):
    POOR_BAND = "poor_band", "评价较差，应约谈"
    POOR_TWO_YEARS = "poor_two_years", "连续两年较差，建议劝辞或责令辞职"
    MINIMUM_MISSING = "minimum_missing", "年度最低履职要求未完成"
    ART62 = "art62", "未经批准两次不出席人代会，代表资格依法终止"


class TriggerStatus(models.TextChoices):
    OPEN = "open", "待处理"
    ACTED = "acted", "已处理"
    DISMISSED = "dismissed", "已撤销"


class TalkStatus(models.TextChoices):
    PLANNED = "planned", "待约谈"
    HELD = "held", "已约谈"
    CLOSED = "closed", "已跟踪办结"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "筹备中"
    HELD = "held", "已召开"
    PUBLISHED = "published", "结果已公布"


class Verdict(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class Channel(models.TextChoices):
    PAPER = "paper", "纸质票"
    PHONE = "phone", "手机扫码"
