"""Forms parse input; the services decide (house-style.md). Deputy lists are limited to one congress."""

from django import forms
from django.db.models import Q
from django.utils import timezone

from renda.core.forms import Styled
from renda.core.models import Body, Unit, User
from renda.deputies.choices import CURRENT_STATUSES
from renda.deputies.models import DeputyGroup, Mandate, ProfessionalGroup, Station

from .choices import ActivityKind, ActivityState, ContactKind, CourseLevel, ReportKind

DATE = {"type": "date"}
DATETIME = {"type": "datetime-local"}
MULTI = {"size": 8}


def current_mandates(body) -> "forms.QuerySet":
    return (
        Mandate.objects.filter(body=body, status__in=CURRENT_STATUSES)
        .select_related("person")
        .order_by("person__name_pinyin")
    )


class MandateChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, m) -> str:
        return f"{m.person.name}（{m.card_number or m.pk}）"


class MandateChoice(forms.ModelChoiceField):
    def label_from_instance(self, m) -> str:
        return f"{m.person.name}（{m.card_number or m.pk}）"


class LinkForm(Styled, forms.Form):
    member = forms.ModelChoiceField(label="常委会组成人员", queryset=User.objects.none())
    mandates = MandateChoices(
        label="联系的代表",
        queryset=Mandate.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs=MULTI),
        help_text="可多选；只能联系本级人大的在任代表",
    )
    group = forms.ModelChoiceField(
        label="或整个代表小组",
        queryset=DeputyGroup.objects.none(),
        required=False,
        help_text="小组的在任代表全部联系",
    )

    def __init__(self, *args, members, mandates, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["mandates"].queryset = mandates
        self.fields["group"].queryset = groups


class ContactForm(Styled, forms.Form):
    mandates = MandateChoices(
        label="联系的代表", queryset=Mandate.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    on = forms.DateField(label="联系日期", widget=forms.DateInput(attrs=DATE), initial=timezone.localdate)
    kind = forms.ChoiceField(label="方式", choices=ContactKind.choices)
    summary = forms.CharField(label="事项", max_length=200, required=False)
    opinions = forms.CharField(
        label="代表反映的意见建议", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, mandates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mandates"].queryset = mandates


class MeetingRequestForm(Styled, forms.Form):
    topic = forms.CharField(
        label="约见事由", max_length=200, required=False, help_text="例如：城区老旧小区雨污分流改造进度"
    )
    unit = forms.ModelChoiceField(label="约见单位", queryset=Unit.objects.none(), required=False)
    official = forms.CharField(
        label="约见负责人", max_length=60, required=False, help_text="姓名或职务，如：局长"
    )
    reason = forms.CharField(label="情况和问题", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    others = MandateChoices(
        label="共同约见的代表（可不选）",
        queryset=Mandate.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs=MULTI),
    )

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(body__path__startswith=body.path, active=True)
        self.fields["others"].queryset = current_mandates(body)


class ArrangeForm(Styled, forms.Form):
    scheduled_at = forms.DateTimeField(label="约见时间", widget=forms.DateTimeInput(attrs=DATETIME))
    place = forms.CharField(label="地点", max_length=100)


class HoldForm(Styled, forms.Form):
    held_on = forms.DateField(
        label="约见日期", widget=forms.DateInput(attrs=DATE), initial=timezone.localdate
    )
    minutes = forms.CharField(
        label="约见情况（谈了什么）", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    commitments = forms.CharField(
        label="负责人答复和承诺", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class TextForm(Styled, forms.Form):
    text = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class SittingForm(Styled, forms.Form):
    meeting = forms.ModelChoiceField(
        label="会议系统中的常委会会议",
        queryset=None,
        required=False,
        empty_label="（会议系统中尚未筹备：手工填写）",
        help_text="选中后名称、日期和地点取自该会议，受邀代表作为列席人员加入会议，以会议签到计出席",
    )
    title = forms.CharField(label="会议名称", max_length=120, required=False)
    on = forms.DateField(label="会议日期", widget=forms.DateInput(attrs=DATE), required=False)
    place = forms.CharField(label="地点", max_length=100, required=False)
    agenda = forms.CharField(label="主要议程", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, body=None, **kwargs):
        from renda.meetings.liaison_bridge import standing_meetings
        from renda.meetings.models import Meeting

        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (
            standing_meetings(body) if body is not None else Meeting.objects.none()
        )
        self.fields["meeting"].label_from_instance = lambda m: f"{m.title}（{m.starts_at:%Y-%m-%d}）"


class SpeechForm(Styled, forms.Form):
    invitation = forms.ModelChoiceField(label="发言代表", queryset=None)
    subject = forms.CharField(label="议题", max_length=120)
    content = forms.CharField(label="发言要点", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, invitations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invitation"].queryset = invitations
        self.fields["invitation"].label_from_instance = lambda i: i.mandate.person.name


class OfficerForm(Styled, forms.Form):
    name = forms.CharField(label="姓名", max_length=40)
    township = forms.ModelChoiceField(label="联系乡镇（街道）", queryset=Body.objects.none(), required=False)
    unit = forms.ModelChoiceField(label="或联系单位", queryset=Unit.objects.none(), required=False)
    position = forms.CharField(label="工作单位及职务", max_length=100, required=False)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    start_date = forms.DateField(label="聘任起始", widget=forms.DateInput(attrs=DATE))
    end_date = forms.DateField(label="聘期届满", widget=forms.DateInput(attrs=DATE))

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        congress = body.parent if body.parent_id and body.kind != "congress" else body
        self.fields["township"].queryset = Body.objects.filter(parent=congress).exclude(pk=body.pk)
        self.fields["unit"].queryset = Unit.objects.filter(body=congress, active=True)


class OfficerReportForm(Styled, forms.Form):
    kind = forms.ChoiceField(label="类别", choices=ReportKind.choices)
    on = forms.DateField(label="日期", widget=forms.DateInput(attrs=DATE), initial=timezone.localdate)
    title = forms.CharField(label="标题", max_length=120)
    content = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 4}))


class CourseForm(Styled, forms.Form):
    title = forms.CharField(label="培训名称", max_length=120)
    level = forms.ChoiceField(label="培训类别", choices=CourseLevel.choices)
    starts_at = forms.DateTimeField(label="开始时间", widget=forms.DateTimeInput(attrs=DATETIME))
    ends_at = forms.DateTimeField(label="结束时间", widget=forms.DateTimeInput(attrs=DATETIME))
    place = forms.CharField(label="地点", max_length=100, required=False)
    hours = forms.DecimalField(label="学时", min_value=0, max_value=99, decimal_places=1, initial=4)
    content = forms.CharField(label="培训内容", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class InviteForm(Styled, forms.Form):
    mandates = MandateChoices(
        label="邀请的代表",
        queryset=Mandate.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs=MULTI),
    )
    everyone = forms.BooleanField(label="邀请全体在任代表", required=False)
    new_only = forms.BooleanField(label="只邀请本届新当选（非连任）代表", required=False)

    def __init__(self, *args, mandates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mandates"].queryset = mandates


class MaterialForm(Styled, forms.Form):
    title = forms.CharField(label="材料名称", max_length=120)
    text = forms.CharField(label="内容摘要", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    file = forms.FileField(label="文件（PDF、Word 或图片）", required=False)


class PlanForm(Styled, forms.Form):
    year = forms.IntegerField(
        label="年度", min_value=2000, max_value=2100, initial=lambda: timezone.localdate().year
    )
    title = forms.CharField(label="计划名称", max_length=120, required=False)


class PlannedActivityForm(Styled, forms.Form):
    kind = forms.ChoiceField(label="类别", choices=ActivityKind.choices)
    title = forms.CharField(label="活动", max_length=120)
    start = forms.DateField(label="开始日期", widget=forms.DateInput(attrs=DATE))
    end = forms.DateField(label="结束日期", widget=forms.DateInput(attrs=DATE), required=False)
    place = forms.CharField(label="地点", max_length=100, required=False)
    mandates = MandateChoices(
        label="参加代表",
        queryset=Mandate.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs=MULTI),
    )

    def __init__(self, *args, mandates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mandates"].queryset = mandates


class OutcomeForm(Styled, forms.Form):
    state = forms.ChoiceField(
        label="结果", choices=[(ActivityState.HELD, "已开展"), (ActivityState.CANCELLED, "已取消")]
    )
    outcome = forms.CharField(
        label="开展情况或取消原因", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class TopicForm(Styled, forms.Form):
    group = forms.ModelChoiceField(label="专业组", queryset=ProfessionalGroup.objects.none())
    year = forms.IntegerField(
        label="年度", min_value=2000, max_value=2100, initial=lambda: timezone.localdate().year
    )
    title = forms.CharField(label="调研课题", max_length=120)
    lead = MandateChoice(label="牵头代表", queryset=Mandate.objects.none())
    members = MandateChoices(
        label="课题组成员",
        queryset=Mandate.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs=MULTI),
    )

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = ProfessionalGroup.objects.filter(body=body)
        self.fields["lead"].queryset = current_mandates(body)
        self.fields["members"].queryset = current_mandates(body)


class ResearchActivityForm(Styled, forms.Form):
    on = forms.DateField(label="日期", widget=forms.DateInput(attrs=DATE))
    title = forms.CharField(label="调研活动", max_length=120)
    place = forms.CharField(label="地点", max_length=100, required=False)
    participants = MandateChoices(
        label="参加代表", queryset=Mandate.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    findings = forms.CharField(label="了解到的情况", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = members


class ResearchReportForm(Styled, forms.Form):
    title = forms.CharField(label="调研报告", max_length=120)
    submitted_on = forms.DateField(label="报送日期", widget=forms.DateInput(attrs=DATE))
    summary = forms.CharField(label="主要内容和建议", widget=forms.Textarea(attrs={"rows": 3}))
    suggestions = forms.ModelMultipleChoiceField(
        label="形成的代表建议", queryset=None, required=False, widget=forms.SelectMultiple(attrs=MULTI)
    )

    def __init__(self, *args, suggestions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suggestions"].queryset = suggestions


class ProfileForm(Styled, forms.Form):
    area = forms.IntegerField(label="面积（平方米）", min_value=0, max_value=100_000)
    facilities = forms.CharField(
        label="设施（每行一项，或以顿号分隔）", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    rules = forms.CharField(
        label="上墙制度（每行一项）", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    @staticmethod
    def split(value: str) -> list[str]:
        return [p for p in (value or "").replace("、", "\n").replace("，", "\n").splitlines() if p.strip()]


class CheckForm(Styled, forms.Form):
    met = forms.BooleanField(label="达标", required=False)
    note = forms.CharField(label="情况", max_length=200, required=False)


def stations_of(body):
    return Station.objects.filter(Q(body__path__startswith=body.path), active=True).order_by(
        "body__path", "name"
    )


class PolicyForm(Styled, forms.Form):
    notice_days = forms.IntegerField(label="活动提前通知天数", min_value=0, max_value=60)
    signin_open_minutes = forms.IntegerField(label="培训签到提前开放（分钟）", min_value=0, max_value=240)
    sitting_seats = forms.IntegerField(label="每次常委会会议邀请列席代表人数", min_value=1, max_value=50)
    min_station_area = forms.IntegerField(label="联络站最小面积（平方米）", min_value=0, max_value=5000)
