"""Fixed value lists of the liaison app (domain.md §3, §4; the seeds' standing practices)."""

from django.db import models


class ContactKind(models.TextChoices):
    VISIT = "visit", "走访"
    FORUM = "forum", "座谈"
    PHONE = "phone", "电话、微信联系"
    INVITE = "invite", "邀请参加活动"


class MeetingState(models.TextChoices):
    """约见国家机关负责人 (seeds 001: 代表约见政府部门负责人)."""

    REQUESTED = "requested", "已申请"
    ARRANGED = "arranged", "已安排"
    HELD = "held", "已约见"
    CLOSED = "closed", "已反馈办结"
    DECLINED = "declined", "未安排"
    WITHDRAWN = "withdrawn", "已撤回"


class Reply(models.TextChoices):
    PENDING = "pending", "待答复"
    ACCEPTED = "accepted", "参加"
    DECLINED = "declined", "不参加"


class CourseLevel(models.TextChoices):
    """Seeds 003: 集中培训、分选区培训、会议活动培训; new deputies after the election (换届后)."""

    NEW_DEPUTY = "new_deputy", "新任代表初任培训"
    TOPIC = "topic", "专题培训"
    CONSTITUENCY = "constituency", "分选区培训"
    MEETING = "meeting", "会议活动培训"


class ActivityKind(models.TextChoices):
    INSPECTION = "inspection", "视察"
    RESEARCH = "research", "专题调研"
    RECEPTION = "reception", "接待选民"
    TRAINING = "training", "学习培训"
    GROUP = "group", "代表小组活动"
    OTHER = "other", "其他"


class ActivityState(models.TextChoices):
    PLANNED = "planned", "计划中"
    HELD = "held", "已开展"
    CANCELLED = "cancelled", "已取消"


class ReportKind(models.TextChoices):
    REPORT = "report", "工作报告"
    ACTIVITY = "activity", "开展活动"
    OPINION = "opinion", "收集意见"
