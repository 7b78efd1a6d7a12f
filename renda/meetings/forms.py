"""Forms parse input; the services decide (house-style.md)."""

from django import forms

from renda.core.forms import Styled
from renda.core.models import User

from .models import AttendeeRole, Kind

DT = {"type": "datetime-local"}


class MeetingForm(Styled, forms.Form):
    body = forms.ModelChoiceField(label="召开机关", queryset=None, empty_label=None)
    kind = forms.ChoiceField(label="会议类别", choices=[c for c in Kind.choices if c[0] != Kind.DELEGATION])
    title = forms.CharField(
        label="会议名称", max_length=200, help_text="例如：县十八届人大常委会第二十三次会议"
    )
    starts_at = forms.DateTimeField(label="开始时间", widget=forms.DateTimeInput(attrs=DT))
    ends_at = forms.DateTimeField(label="结束时间", widget=forms.DateTimeInput(attrs=DT))
    location = forms.CharField(label="地点", max_length=200, required=False)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies


class ItemForm(Styled, forms.Form):
    title = forms.CharField(label="议题", max_length=200)
    presenter = forms.CharField(label="汇报人", max_length=60, required=False)
    minutes_planned = forms.IntegerField(label="计划时长（分钟）", min_value=1, max_value=480, initial=15)
    needs_vote = forms.BooleanField(label="需表决", required=False)
    description = forms.CharField(
        label="说明", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class DocumentForm(Styled, forms.Form):
    item = forms.ModelChoiceField(label="议题", queryset=None, empty_label=None)
    title = forms.CharField(
        label="材料名称", max_length=200, required=False, help_text="替换时可不填，沿用原名称"
    )
    file = forms.FileField(
        label="文件（PDF或.docx）",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.docx"}),
    )
    replaces = forms.ModelChoiceField(
        label="替换原有版本", queryset=None, required=False, empty_label="（新材料）"
    )
    readers = forms.ModelMultipleChoiceField(
        label="限定阅读人员",
        queryset=None,
        required=False,
        help_text="不选：全体参会人员可阅读",
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Document

        self.fields["item"].queryset = meeting.items.all()
        self.fields["replaces"].queryset = Document.objects.filter(
            item__meeting=meeting, replaced_by__isnull=True
        )
        self.fields["readers"].queryset = User.objects.filter(pk__in=meeting.attendees.values("user_id"))


class AttendeeForm(Styled, forms.Form):
    users = forms.ModelMultipleChoiceField(
        label="人员", queryset=None, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    role = forms.ChoiceField(label="身份", choices=AttendeeRole.choices, initial=AttendeeRole.OBSERVER)
    capacity = forms.CharField(
        label="列席身份", max_length=60, required=False, help_text="如：县人大代表、县政府副县长"
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = (
            User.objects.filter(is_active=True, body__path__startswith=meeting.body.scope_path)
            .exclude(pk__in=meeting.attendees.values("user_id"))
            .order_by("username")
        )


class ScheduleForm(Styled, forms.Form):
    starts_at = forms.DateTimeField(
        label="开始时间", widget=forms.DateTimeInput(attrs=DT, format="%Y-%m-%dT%H:%M")
    )
    ends_at = forms.DateTimeField(
        label="结束时间", widget=forms.DateTimeInput(attrs=DT, format="%Y-%m-%dT%H:%M")
    )
    location = forms.CharField(label="地点", max_length=200, required=False)
    reason = forms.CharField(
        label="变更理由",
        max_length=300,
        required=False,
        help_text="通知发出后必填，将随变更通知发给全体参会人员",
    )


class RemoveAttendeeForm(Styled, forms.Form):
    attendee = forms.ModelChoiceField(label="参会人员", queryset=None, empty_label="（请选择）")
    reason = forms.CharField(label="移出理由", max_length=300, required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Attendee

        self.fields["attendee"].queryset = Attendee.objects.filter(meeting=meeting).select_related("user")
        self.fields["attendee"].label_from_instance = lambda a: f"{a.user}（{a.get_role_display()}）"


class ReplyForm(Styled, forms.Form):
    reason = forms.CharField(
        label="请假事由", max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class NoteForm(Styled, forms.Form):
    note = forms.CharField(label="理由", max_length=300, required=False)


class MinutesForm(Styled, forms.Form):
    text = forms.CharField(label="会议纪要", max_length=50000, widget=forms.Textarea(attrs={"rows": 22}))


class PollForm(Styled, forms.Form):
    title = forms.CharField(label="表决事项", max_length=200, required=False)
    secret = forms.BooleanField(label="无记名表决", required=False)
    kind = forms.ChoiceField(
        label="方式",
        choices=[("motion", "赞成/反对/弃权"), ("election", "选举（候选人）"), ("selection", "票选（多选）")],
        initial="motion",
        required=False,
    )
    rule = forms.CharField(
        label="计票规则代码", max_length=60, required=False, help_text="空：按会议类别的默认规则"
    )
    candidates = forms.CharField(
        label="候选人或选项（每行一个）",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    seats = forms.IntegerField(label="应选名额", min_value=1, max_value=500, required=False)

    def clean(self):
        d = super().clean()
        d["options"] = [x.strip() for x in d.get("candidates", "").splitlines() if x.strip()] or None
        if d.get("kind") in ("election", "selection") and not d["options"]:
            self.add_error("candidates", "请逐行填写候选人或选项")
        return d


class PolicyForm(Styled, forms.ModelForm):
    class Meta:
        from .models import MeetingPolicy

        model = MeetingPolicy
        fields = [
            "notice_days",
            "quorum_numerator",
            "quorum_denominator",
            "quorum_strict",
            "code_seconds",
            "reminder_hours",
            "document_max_mb",
            "pdf_download",
        ]
