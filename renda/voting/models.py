"""Tables of the voting app: counting rules as versioned data, polls, electorates, ballots.

Secrecy (issue 17, wave2-references.md (a) "two stores"): for a secret poll *who* voted is a
`Participation` row and *what* was voted is a `SecretBallot` with its `Mark`s. Neither content table has a
voter, a time or a sequence: their ids are random UUIDs, so the primary-key order says nothing either. When
the poll closes the content rows are rewritten in a random order (`services.close_poll`), so even the
physical order of the rows and the transaction ids that wrote them no longer follow the participations.
"""

import secrets
import uuid
from fractions import Fraction

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q


class Base(models.TextChoices):
    PRESENT = "present", "出席人数"
    ALL_MEMBERS = "all_members", "全体组成人员"
    VOTES_CAST = "votes_cast", "有效票数"


class Tie(models.TextChoices):
    FAILS = "fails", "未通过"
    CHAIR_DECIDES = "chair_decides", "由主持人决定"
    ANOTHER_ROUND = "another_round", "就票数相等者再次投票"
    LOT = "lot", "抽签决定"


class QuorumOn(models.TextChoices):
    PRESENT = "present", "出席人数"
    VOTED = "voted", "投票人数"


class Election(models.TextChoices):
    NONE = "", "非选举"
    DIRECT = "direct", "直接选举"
    INDIRECT = "indirect", "间接选举（由人民代表大会选举）"


def _frac(num: int | None, den: int | None) -> Fraction | None:
    return None if num is None or not den else Fraction(num, den)


def frac_text(f: Fraction | None) -> str:
    names = {Fraction(1, 2): "半数", Fraction(2, 3): "三分之二", Fraction(1, 3): "三分之一"}
    if f is None:
        return "—"
    if f in names:
        return names[f]
    return f"{f.numerator}/{f.denominator}"


class Rule(models.Model):
    """A counting rule as data (issue 17 "Rules as data, versioned"). A new version is a new row; a poll keeps
    the exact row it was opened with, and the row is never edited once a poll uses it."""

    code = models.SlugField("规则代码", max_length=60)
    version = models.PositiveIntegerField("版本", default=1)
    name = models.CharField("名称", max_length=80)
    base = models.CharField("计票基数", max_length=20, choices=Base.choices, default=Base.ALL_MEMBERS)
    threshold_num = models.PositiveIntegerField("通过比例分子", default=1)
    threshold_den = models.PositiveIntegerField("通过比例分母", default=2)
    strict = models.BooleanField("须超过（否则为达到）", default=True)
    quorum_num = models.PositiveIntegerField("法定人数分子", null=True, blank=True)
    quorum_den = models.PositiveIntegerField("法定人数分母", null=True, blank=True)
    quorum_on = models.CharField(
        "法定人数按", max_length=10, choices=QuorumOn.choices, default=QuorumOn.PRESENT
    )
    tie = models.CharField("票数相等时", max_length=20, choices=Tie.choices, default=Tie.FAILS)
    seats = models.PositiveIntegerField("应选名额", default=1)
    max_marks = models.PositiveIntegerField(
        "每票最多可选", null=True, blank=True, help_text="空：等于应选名额"
    )
    election = models.CharField("选举方式", max_length=10, choices=Election.choices, blank=True, default="")
    margin_min_num = models.PositiveIntegerField("差额下限分子", null=True, blank=True)
    margin_min_den = models.PositiveIntegerField("差额下限分母", null=True, blank=True)
    margin_max_num = models.PositiveIntegerField("差额上限分子", null=True, blank=True)
    margin_max_den = models.PositiveIntegerField("差额上限分母", null=True, blank=True)
    floor_num = models.PositiveIntegerField("最低得票分子（占选票）", null=True, blank=True)
    floor_den = models.PositiveIntegerField("最低得票分母", null=True, blank=True)
    scale = models.JSONField("测评档次", default=list, blank=True)
    outcomes = models.JSONField(
        "结果判定",
        default=list,
        blank=True,
        help_text='依次判定：[{"label": "满意", "counts": ["满意"], "then": ""}, …]，都不满足取最后一项',
    )
    article = models.CharField("依据条文", max_length=200)
    note = models.TextField("说明", blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "计票规则"
        verbose_name_plural = "计票规则"
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="rule_version_once"),
            models.CheckConstraint(condition=Q(threshold_den__gt=0), name="rule_threshold_den_positive"),
            models.CheckConstraint(
                condition=Q(threshold_num__lte=F("threshold_den")), name="rule_threshold_le_1"
            ),
            models.CheckConstraint(
                condition=Q(quorum_num__isnull=True) | Q(quorum_den__gt=0), name="rule_quorum_den_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（第{self.version}版）"

    @classmethod
    def latest(cls, code: str) -> "Rule":
        rule = cls.objects.filter(code=code).order_by("-version").first()
        if rule is None:
            from renda.core.errors import Refused

            raise Refused("rule_unknown", f"没有代码为“{code}”的计票规则")
        return rule

    @staticmethod
    def defaults() -> list[dict]:
        from .defaults import RULES

        return [dict(r) for r in RULES]

    @property
    def threshold(self) -> Fraction:
        return Fraction(self.threshold_num, self.threshold_den)

    @property
    def quorum(self) -> Fraction | None:
        return _frac(self.quorum_num, self.quorum_den)

    @property
    def floor(self) -> Fraction | None:
        return _frac(self.floor_num, self.floor_den)

    @property
    def margin_min(self) -> Fraction | None:
        return _frac(self.margin_min_num, self.margin_min_den)

    @property
    def margin_max(self) -> Fraction | None:
        return _frac(self.margin_max_num, self.margin_max_den)

    def threshold_text(self) -> str:
        if self.threshold_num == 0:
            return "得票多者当选" + (f"，但不得少于选票的{frac_text(self.floor)}" if self.floor else "")
        word = "超过" if self.strict else "达到"
        base = "全体代表" if self.election and self.base == Base.ALL_MEMBERS else self.get_base_display()
        return f"{word}{base}的{frac_text(self.threshold)}"


class Kind(models.TextChoices):
    MOTION = "motion", "议案表决（赞成/反对/弃权）"
    RATING = "rating", "满意度测评"
    SELECTION = "selection", "票选（多选）"
    ELECTION = "election", "选举"


class State(models.TextChoices):
    DRAFT = "draft", "未开始"
    OPEN = "open", "表决中"
    CLOSED = "closed", "已结束"
    ANNOUNCED = "announced", "已宣布"
    VOIDED = "voided", "已作废"


MOTION_OPTIONS = ("赞成", "反对", "弃权")
SATISFACTION_SCALE = ("满意", "基本满意", "不满意")


def _token() -> str:
    return secrets.token_urlsafe(12)


class Poll(models.Model):
    """One vote (one round). A re-vote or another round is a new poll pointing at `previous`."""

    body = models.ForeignKey("core.Body", models.PROTECT, related_name="polls", verbose_name="机关")
    title = models.CharField("表决事项", max_length=200)
    content_type = models.ForeignKey(ContentType, models.PROTECT, null=True, blank=True)
    object_id = models.CharField(max_length=64, blank=True, default="")
    subject = GenericForeignKey("content_type", "object_id")
    kind = models.CharField("方式", max_length=20, choices=Kind.choices)
    secret = models.BooleanField("无记名", default=False)
    allow_public = models.BooleanField("允许公众扫码投票", default=False)
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.DRAFT, db_index=True)
    rule = models.ForeignKey(Rule, models.PROTECT, related_name="polls", verbose_name="计票规则")
    seats = models.PositiveIntegerField("应选名额", null=True, blank=True, help_text="空：按规则")
    round = models.PositiveIntegerField("轮次", default=1)
    previous = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="next_rounds", verbose_name="上一轮"
    )
    reason = models.CharField("重新表决理由", max_length=300, blank=True)
    void_reason = models.CharField("作废理由", max_length=300, blank=True)
    public_token = models.CharField(max_length=32, unique=True, default=_token)
    paper = models.BooleanField("纸质票录入", default=False)
    ballots_issued = models.PositiveIntegerField("发出选票", null=True, blank=True)
    ballots_returned = models.PositiveIntegerField("收回选票", null=True, blank=True)
    invalid_ballots = models.PositiveIntegerField("无效票", null=True, blank=True)
    opened_at = models.DateTimeField("开始时间", null=True, blank=True)
    closed_at = models.DateTimeField("结束时间", null=True, blank=True)
    announced_at = models.DateTimeField("宣布时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "表决"
        verbose_name_plural = "表决"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="poll_subject")]
        constraints = [
            models.UniqueConstraint(
                fields=["previous"], condition=Q(previous__isnull=False), name="poll_one_next"
            ),
        ]

    def __str__(self) -> str:
        return self.title if self.round == 1 else f"{self.title}（第{self.round}轮）"

    @property
    def seat_count(self) -> int:
        return self.seats or self.rule.seats

    @property
    def mark_limit(self) -> int:
        if self.kind in (Kind.MOTION, Kind.RATING):
            return 1
        return self.rule.max_marks or self.seat_count

    @property
    def is_open(self) -> bool:
        return self.state == State.OPEN


class Option(models.Model):
    """A choice on the ballot: 赞成/反对/弃权, a grade, a project, a candidate, or a write-in (另选他人)."""

    poll = models.ForeignKey(Poll, models.CASCADE, related_name="options")
    label = models.CharField("选项", max_length=100)
    order = models.PositiveIntegerField("顺序", default=0)
    write_in = models.BooleanField("另选他人", default=False)
    content_type = models.ForeignKey(ContentType, models.PROTECT, null=True, blank=True)
    object_id = models.CharField(max_length=64, blank=True, default="")
    subject = GenericForeignKey("content_type", "object_id")
    paper_count = models.PositiveIntegerField("纸质票得票", null=True, blank=True)

    class Meta:
        verbose_name = "选项"
        verbose_name_plural = "选项"
        ordering = ["poll", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["poll", "label"], name="option_label_once")]

    def __str__(self) -> str:
        return self.label


class Voter(models.Model):
    """The electorate, fixed when the poll is created or opened: who may vote (and who was present)."""

    poll = models.ForeignKey(Poll, models.CASCADE, related_name="voters")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    present = models.BooleanField("出席", default=True)

    class Meta:
        verbose_name = "有表决权者"
        verbose_name_plural = "有表决权者"
        constraints = [models.UniqueConstraint(fields=["poll", "user"], name="voter_once")]

    def __str__(self) -> str:
        return f"{self.poll_id}:{self.user_id}"


class Ballot(models.Model):
    """A named (记名) ballot: who voted what, on purpose, for open votes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(Poll, models.PROTECT, related_name="ballots")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    key = models.UUIDField("幂等键")
    receipt = models.CharField("回执号", max_length=16)
    cast_at = models.DateTimeField("投票时间", auto_now_add=True)

    class Meta:
        verbose_name = "记名票"
        verbose_name_plural = "记名票"
        constraints = [
            # Exactly once, in the database: one ballot per voter and poll, one per key.
            models.UniqueConstraint(fields=["poll", "voter"], name="ballot_one_per_voter"),
            models.UniqueConstraint(fields=["poll", "key"], name="ballot_key_once"),
        ]

    def __str__(self) -> str:
        return f"记名票 {self.receipt}"


class Participation(models.Model):
    """Who took part in a secret poll, and the key and receipt of the request. Nothing says what they voted."""

    poll = models.ForeignKey(Poll, models.PROTECT, related_name="participations")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    key = models.UUIDField("幂等键")
    receipt = models.CharField("回执号", max_length=16)

    class Meta:
        verbose_name = "参加投票记录"
        verbose_name_plural = "参加投票记录"
        constraints = [
            models.UniqueConstraint(fields=["poll", "voter"], name="participation_one_per_voter"),
            models.UniqueConstraint(fields=["poll", "key"], name="participation_key_once"),
        ]

    def __str__(self) -> str:
        return f"参加投票 {self.receipt}"


class SecretBallot(models.Model):
    """What was voted in a secret poll: a random id and the poll. No voter, no time, no sequence (see the
    module docstring); its marks are `Mark` rows pointing at this id."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(Poll, models.PROTECT, related_name="secret_ballots")

    class Meta:
        verbose_name = "无记名票"
        verbose_name_plural = "无记名票"

    def __str__(self) -> str:
        return "无记名票"


class PublicBallot(models.Model):
    """A vote from an anonymous device (a hearing's QR code): one per device per poll, by a hash of the
    device's token; no account, no address."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(Poll, models.PROTECT, related_name="public_ballots")
    device = models.CharField("设备标识摘要", max_length=64)
    key = models.UUIDField("幂等键")
    receipt = models.CharField("回执号", max_length=16)

    class Meta:
        verbose_name = "公众票"
        verbose_name_plural = "公众票"
        constraints = [
            models.UniqueConstraint(fields=["poll", "device"], name="public_ballot_one_per_device"),
            models.UniqueConstraint(fields=["poll", "key"], name="public_ballot_key_once"),
        ]

    def __str__(self) -> str:
        return f"公众票 {self.receipt}"


class Source(models.TextChoices):
    NAMED = "named", "记名票"
    SECRET = "secret", "无记名票"
    PUBLIC = "public", "公众票"


class Mark(models.Model):
    """One option marked on one ballot (of any of the three kinds). A random id: no order to read."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(Poll, models.PROTECT, related_name="marks")
    option = models.ForeignKey(Option, models.PROTECT, related_name="marks")
    ballot = models.UUIDField("票")
    source = models.CharField(max_length=10, choices=Source.choices)

    class Meta:
        verbose_name = "选择"
        verbose_name_plural = "选择"
        indexes = [models.Index(fields=["poll", "source", "option"], name="mark_count")]
        constraints = [models.UniqueConstraint(fields=["ballot", "option"], name="mark_once_per_ballot")]

    def __str__(self) -> str:
        return str(self.option_id)


class PollEvent(models.Model):
    """The poll's timeline: opened, closed, announced, voided, re-vote, paper entry, rule change."""

    poll = models.ForeignKey(Poll, models.CASCADE, related_name="events")
    action = models.CharField(max_length=30)
    note = models.CharField(max_length=300, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.poll_id}:{self.action}"
