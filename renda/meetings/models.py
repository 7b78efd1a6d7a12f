"""Tables of the meetings app."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Position(models.TextChoices):
    CHAIR = "chair", "主任"
    VICE_CHAIR = "vice_chair", "副主任"
    SECRETARY_GENERAL = "secretary_general", "秘书长"
    MEMBER = "member", "委员"


class Membership(models.Model):
    """A seat in a body that meets and votes (常委会组成人员, 主任会议, 主席团): who may vote there, and
    from when to when. Supervision's satisfaction votes, liaison's member-deputy links and the meetings'
    electorate all read it through `selectors.members_of`."""

    body = models.ForeignKey("core.Body", models.PROTECT, related_name="memberships", verbose_name="机关")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="memberships", verbose_name="组成人员"
    )
    position = models.CharField("职务", max_length=20, choices=Position.choices, default=Position.MEMBER)
    voting = models.BooleanField("有表决权", default=True)
    start_date = models.DateField("任职起始")
    end_date = models.DateField("任职终止", null=True, blank=True)

    class Meta:
        verbose_name = "组成人员"
        verbose_name_plural = "组成人员"
        ordering = ["body", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["body", "user", "start_date"], name="membership_once"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_position_display()}"


class Kind(models.TextChoices):
    CONGRESS_SESSION = "congress_session", "人民代表大会会议"
    DELEGATION = "delegation", "代表团会议"
    PRESIDIUM_SESSION = "presidium_session", "大会主席团会议"
    STANDING_COMMITTEE = "standing_committee", "常委会会议"
    CHAIRPERSONS = "chairpersons", "主任会议"
    TOWNSHIP_PRESIDIUM = "township_presidium", "乡镇人大主席团会议"
    GROUP_ACTIVITY = "group_activity", "代表小组活动"


class State(models.TextChoices):
    DRAFT = "draft", "筹备中"
    NOTICED = "noticed", "已发通知"
    IN_SESSION = "in_session", "会议进行中"
    CLOSED = "closed", "已闭会"
    APPROVED = "approved", "纪要已审定"
    CANCELLED = "cancelled", "已取消"


class AttendeeRole(models.TextChoices):
    MEMBER = "member", "组成人员（有表决权）"
    OBSERVER = "observer", "列席"
    STAFF = "staff", "工作人员"


class Reply(models.TextChoices):
    PENDING = "pending", "未回复"
    CONFIRMED = "confirmed", "确认参加"
    LEAVE = "leave", "请假"


class LeaveState(models.TextChoices):
    NONE = "", "—"
    PENDING = "pending", "待批准"
    APPROVED = "approved", "已批准"
    REFUSED = "refused", "不批准"


class SignInMethod(models.TextChoices):
    QR = "qr", "扫码签到"
    STAFF = "staff", "工作人员代签"


FRACTION_WORDS = {(2, 3): "三分之二", (3, 4): "四分之三", (1, 3): "三分之一"}


class MeetingPolicy(models.Model):
    """Meeting rules of one body (policy data, house-style): how early the notice goes out, what quorum the
    body needs to sit, how fast the door's sign-in code turns over, and the document limits."""

    body = models.OneToOneField(
        "core.Body", models.CASCADE, related_name="meeting_policy", verbose_name="人大机关"
    )
    notice_days = models.PositiveSmallIntegerField(
        "提前通知天数",
        default=7,
        help_text="常委会会议一般于会议举行七日前通知组成人员（各地常委会议事规则通行做法）；"
        "人代会为一个月前（代表法、议事规则），由本机关按议事规则修改",
    )
    quorum_numerator = models.PositiveSmallIntegerField("法定人数：分子", default=1)
    quorum_denominator = models.PositiveSmallIntegerField("法定人数：分母", default=2)
    quorum_strict = models.BooleanField(
        "须超过（过半数）",
        default=True,
        help_text="默认须全体组成人员过半数出席方能举行（地方组织法：常委会会议须有全体组成人员过半数出席）",
    )
    code_seconds = models.PositiveSmallIntegerField(
        "签到码刷新间隔（秒）",
        default=30,
        help_text="门口签到二维码每隔该秒数更换，过期即失效（本系统默认值）",
    )
    reminder_hours = models.PositiveSmallIntegerField("会前提醒（小时）", default=24)
    document_max_mb = models.PositiveSmallIntegerField("会议材料大小上限（MB）", default=20)
    pdf_download = models.BooleanField(
        "列席和组成人员可下载PDF材料",
        default=True,
        help_text="下载的PDF每页加盖阅读人姓名和时间水印，Word材料页眉写入阅读人；关闭后PDF只能在阅读页查看（同样带水印）",
    )

    class Meta:
        verbose_name = "会议参数"
        verbose_name_plural = "会议参数"
        constraints = [
            models.CheckConstraint(
                condition=Q(quorum_denominator__gt=0)
                & Q(quorum_numerator__lte=models.F("quorum_denominator")),
                name="meetingpolicy_quorum_fraction",
                violation_error_message="法定人数比例须在0到1之间，分母不能为0",
            ),
            models.CheckConstraint(
                condition=Q(code_seconds__gte=10),
                name="meetingpolicy_code_seconds_min",
                violation_error_message="签到码刷新间隔不能少于10秒",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} 会议参数"

    @classmethod
    def defaults_for(cls, body) -> dict:
        from renda.core.models import BodyKind

        # A congress session is noticed a month ahead (代表法 Art. 23 / 议事规则), others a week; it sits only
        # with two thirds of its deputies present (地方组织法 Art. 14 para. 4: 三分之二以上), where a standing
        # committee needs more than half of its members (Art. 51 para. 3).
        if body.kind == BodyKind.CONGRESS:
            return {"notice_days": 30, "quorum_numerator": 2, "quorum_denominator": 3, "quorum_strict": False}
        return {}

    def quorum_text(self) -> str:
        from renda.core.models import BodyKind

        congress = self.body_id and self.body.kind == BodyKind.CONGRESS
        whole = "全体代表" if congress else "全体组成人员"
        frac = (
            "半数"
            if (self.quorum_numerator, self.quorum_denominator) == (1, 2)
            else FRACTION_WORDS.get(
                (self.quorum_numerator, self.quorum_denominator),
                f"{self.quorum_numerator}/{self.quorum_denominator}",
            )
        )
        return f"{whole}超过{frac}出席" if self.quorum_strict else f"{whole}{frac}以上出席"

    def quorum_met(self, present: int, total: int) -> bool:
        if total == 0:
            return False
        lhs, rhs = present * self.quorum_denominator, total * self.quorum_numerator
        return lhs > rhs if self.quorum_strict else lhs >= rhs

    def quorum_needed(self, total: int) -> int:
        """The smallest number present that meets the quorum."""
        n = (total * self.quorum_numerator) // self.quorum_denominator
        return (
            n + 1 if self.quorum_strict or n * self.quorum_denominator < total * self.quorum_numerator else n
        )


class Meeting(models.Model):
    """One sitting of one body. A congress session is a meeting whose delegations meet under it
    (`session`: one meeting per delegation)."""

    body = models.ForeignKey("core.Body", models.PROTECT, related_name="meetings", verbose_name="机关")
    kind = models.CharField("会议类别", max_length=24, choices=Kind.choices)
    title = models.CharField("会议名称", max_length=200)
    session = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="parts", verbose_name="所属大会"
    )
    delegation = models.ForeignKey(
        "deputies.Delegation", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="代表团"
    )
    starts_at = models.DateTimeField("开始时间")
    ends_at = models.DateTimeField("结束时间")
    location = models.CharField("地点", max_length=200, blank=True)
    status = models.CharField("状态", max_length=12, choices=State.choices, default=State.DRAFT)
    current_item = models.ForeignKey(
        "meetings.AgendaItem",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="当前议题",
    )
    timer_ends_at = models.DateTimeField("计时结束", null=True, blank=True)
    noticed_at = models.DateTimeField("通知时间", null=True, blank=True)
    opened_at = models.DateTimeField("开会时间", null=True, blank=True)
    closed_at = models.DateTimeField("闭会时间", null=True, blank=True)
    # The door's current sign-in code: a random nonce, replaced when used or older than the policy allows.
    code_nonce = models.CharField(max_length=32, blank=True, editable=False)
    code_at = models.DateTimeField(null=True, blank=True, editable=False)
    duty_activity = models.ForeignKey(
        "duties.Activity", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="履职活动"
    )
    minutes = models.TextField("会议纪要", blank=True)
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审定人",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="创建人"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "会议"
        verbose_name_plural = "会议"
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["body", "starts_at"]), models.Index(fields=["status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="meeting_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_session(self) -> bool:
        return self.kind == Kind.CONGRESS_SESSION


class Attendee(models.Model):
    """Who is called to a meeting and in what capacity, their reply to the notice and their sign-in."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="attendees", verbose_name="会议")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="人员")
    role = models.CharField("身份", max_length=10, choices=AttendeeRole.choices, default=AttendeeRole.MEMBER)
    capacity = models.CharField(
        "列席身份", max_length=60, blank=True, help_text="如：县人大代表、县政府副县长"
    )
    reply = models.CharField("回复", max_length=10, choices=Reply.choices, default=Reply.PENDING)
    leave_reason = models.CharField("请假事由", max_length=300, blank=True)
    leave_state = models.CharField(
        "请假审批", max_length=10, choices=LeaveState.choices, blank=True, default=""
    )
    leave_request = models.ForeignKey(
        "duties.LeaveRequest",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="履职请假",
    )
    signed_in_at = models.DateTimeField("签到时间", null=True, blank=True)
    sign_in_method = models.CharField("签到方式", max_length=8, choices=SignInMethod.choices, blank=True)
    sign_in_nonce = models.CharField(max_length=32, blank=True, editable=False)
    signed_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="代签人",
    )

    class Meta:
        verbose_name = "参会人员"
        verbose_name_plural = "参会人员"
        ordering = ["meeting", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="attendee_once"),
            # One door code signs in one person: a photographed code sent to someone else is refused.
            models.UniqueConstraint(
                fields=["meeting", "sign_in_nonce"], condition=~Q(sign_in_nonce=""), name="attendee_code_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.user}"

    @property
    def votes(self) -> bool:
        return self.role == AttendeeRole.MEMBER

    @property
    def present(self) -> bool:
        return self.signed_in_at is not None


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="items", verbose_name="会议")
    order = models.PositiveSmallIntegerField("序号")
    title = models.CharField("议题", max_length=200)
    presenter = models.CharField("汇报人", max_length=60, blank=True)
    description = models.TextField("说明", blank=True)
    minutes_planned = models.PositiveSmallIntegerField("计划时长（分钟）", default=15)
    needs_vote = models.BooleanField("需表决", default=False)

    class Meta:
        verbose_name = "议题"
        verbose_name_plural = "议题"
        ordering = ["meeting", "order"]
        constraints = [models.UniqueConstraint(fields=["meeting", "order"], name="agendaitem_order_once")]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


def document_path(instance, filename: str) -> str:
    return f"meetings/{instance.item.meeting_id}/{instance.item_id}/{filename}"


class DocKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word（docx）"


class Document(models.Model):
    """A paper of an agenda item. A new version replaces the old one, which stays visible as 已替换."""

    item = models.ForeignKey(AgendaItem, models.CASCADE, related_name="documents", verbose_name="议题")
    title = models.CharField("材料名称", max_length=200)
    file = models.FileField("文件", upload_to=document_path, max_length=300)
    kind = models.CharField("类型", max_length=4, choices=DocKind.choices)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField(max_length=64)
    version = models.PositiveSmallIntegerField("版本", default=1)
    replaces = models.OneToOneField(
        "self", models.PROTECT, null=True, blank=True, related_name="replaced_by", verbose_name="替换的版本"
    )
    # Empty: every attendee may read it; otherwise only these people (and staff).
    readers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name="限定阅读人员"
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "会议材料"
        verbose_name_plural = "会议材料"
        ordering = ["item", "title", "-version"]

    def __str__(self) -> str:
        return f"{self.title}（第{self.version}版）"

    @property
    def replaced(self) -> bool:
        return hasattr(self, "replaced_by")


class DocumentRead(models.Model):
    """Who opened or downloaded which paper, when (the watermark names the same reader and time)."""

    document = models.ForeignKey(Document, models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    download = models.BooleanField(default=False)

    class Meta:
        verbose_name = "材料阅读记录"
        verbose_name_plural = "材料阅读记录"
        indexes = [models.Index(fields=["document", "user"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.document}"


class AttendeeRemoval(models.Model):
    """Someone taken off a meeting's list, kept with the reason (nothing is deleted: the attendee row goes, so
    quorum, notices and votes no longer count them, and this row says who was called, why they were removed,
    by whom and when)."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="removals", verbose_name="会议")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="人员")
    role = models.CharField("原身份", max_length=10, choices=AttendeeRole.choices)
    capacity = models.CharField("原列席身份", max_length=60, blank=True)
    reason = models.CharField("移出理由", max_length=300)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="操作人"
    )
    removed_at = models.DateTimeField("移出时间", default=timezone.now)

    class Meta:
        verbose_name = "移出参会人员记录"
        verbose_name_plural = "移出参会人员记录"
        ordering = ["meeting", "-removed_at"]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.user}（已移出）"
