"""Forms: they check types and lengths; the services check the rules."""

from django import forms

from renda.core.forms import Styled
from renda.core.models import Body, Level, Unit

from .choices import Category, NotAcceptedReason, Rating, Urgency
from .services.intake import CONTENT_MAX, PLACE_MAX, TITLE_MAX


class MultiPhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiPhotoField(forms.FileField):
    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultiPhotoField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


def _defaults(field) -> dict:
    messages: dict = {}
    for cls in reversed(type(field).__mro__):
        messages.update(getattr(cls, "default_error_messages", {}))
    return messages


def chinese_errors(field) -> None:
    """Django's own messages for a field that did not set its own, in Chinese and naming the field (the site
    runs without Django's translations, so "This field is required." would reach a voter)."""
    label = str(field.label or "此项").split("（")[0].split("：")[0]
    choose = isinstance(field, forms.ChoiceField | forms.ModelChoiceField)
    ours = {
        "required": f"请选择{label}" if choose else f"请填写{label}",
        "invalid_choice": f"请选择列出的{label}",
        "invalid": f"{label}格式不正确",
        "invalid_pk_value": f"请选择列出的{label}",
        "list": f"请选择{label}",
    }
    defaults = _defaults(field)
    for key, text in ours.items():
        if key in field.error_messages and field.error_messages[key] == defaults.get(key):
            field.error_messages[key] = text


class StyledForm(Styled, forms.Form):
    """Tabler classes (core.forms.Styled) and Django's messages in Chinese naming the field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            chinese_errors(f)


def _townships():
    return Body.objects.filter(level=Level.TOWNSHIP).order_by("order", "name")


class MessageForm(StyledForm):
    category = forms.ChoiceField(label="类别", choices=[("", "请选择"), *Category.choices])
    title = forms.CharField(
        label="标题",
        max_length=TITLE_MAX,
        error_messages={"required": "请填写标题", "max_length": f"标题不能超过 {TITLE_MAX} 个字"},
    )
    content = forms.CharField(
        label="反映的问题或建议",
        max_length=CONTENT_MAX,
        min_length=5,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "请填写反映的内容",
            "min_length": "请把问题写清楚（至少 5 个字）",
            "max_length": f"内容不能超过 {CONTENT_MAX} 个字",
        },
    )
    place = forms.CharField(label="地点（小区、村、路段）", max_length=PLACE_MAX, required=False)
    township = forms.ModelChoiceField(
        label="所在乡镇（街道）", queryset=Body.objects.none(), required=False, empty_label="请选择（可不填）"
    )
    photos = MultiPhotoField(
        label="照片（可选，最多 3 张，每张不超过 5 MB）",
        required=False,
        widget=MultiPhotoInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    keep_location = forms.BooleanField(label="保留照片中的拍摄位置（默认去除）", required=False)
    voter_name = forms.CharField(label="称呼（可选）", max_length=40, required=False)
    phone = forms.RegexField(
        label="手机号码（可选，仅用于回访，加密保存）",
        regex=r"^\d{7,12}$",
        required=False,
        error_messages={"invalid": "联系电话格式不正确（7–12 位数字）"},
    )
    consent = forms.BooleanField(
        label="我已阅读并同意隐私说明", error_messages={"required": "请阅读并同意隐私说明后再提交"}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].queryset = _townships()
        # Voters choose where they live (城关镇), not the congress office there (城关镇人大主席团).
        self.fields["township"].label_from_instance = lambda body: body.place_name

    def clean(self):
        data = super().clean()
        for name in ("title", "content", "place", "voter_name"):
            if "\x00" in (data.get(name) or ""):
                self.add_error(name, "含有不允许的字符")
        return data


class PublicMessageForm(MessageForm):
    captcha_token = forms.CharField(widget=forms.HiddenInput)
    captcha_answer = forms.CharField(
        label="验证码：请填写图中算式的结果",
        max_length=4,
        error_messages={"required": "请填写验证码"},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class RegisterForm(MessageForm):
    """The keeper's phone form for walk-in and phone messages."""

    field_order = (
        "channel",
        "station",
        "category",
        "title",
        "content",
        "place",
        "township",
        "voter_name",
        "phone",
        "photos",
        "keep_location",
        "answer_now",
        "consent",
    )

    channel = forms.ChoiceField(
        label="来源", choices=[("walk_in", "来站反映"), ("phone", "电话反映"), ("reception", "接待日反映")]
    )
    station = forms.ModelChoiceField(label="联络站", queryset=None, empty_label=None)
    answer_now = forms.CharField(
        label="当场答复（可选，填写即视为已当场答复）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )

    def __init__(self, *args, stations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["station"].queryset = stations
        self.fields["consent"].label = "已告知来访人隐私说明并征得同意"


class TrackForm(StyledForm):
    code = forms.CharField(
        label="查询码",
        max_length=20,
        error_messages={"required": "请输入查询码"},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "placeholder": "例如 ABCD-EFGH-JKMN",
            }
        ),
    )


class RateForm(StyledForm):
    rating = forms.ChoiceField(
        label="对答复的评价",
        choices=Rating.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    resolved = forms.TypedChoiceField(
        label="问题是否已解决",
        choices=[("1", "已解决"), ("0", "未解决")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    note = forms.CharField(
        label="意见（可选）", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class TextForm(StyledForm):
    text = forms.CharField(
        label="内容",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "请填写内容", "max_length": "内容不能超过 4000 个字"},
    )


class AcceptForm(StyledForm):
    urgency = forms.ChoiceField(
        label="诉求类型（决定答复时限）",
        choices=[("", "请选择"), *Urgency.choices],
        error_messages={"required": "请选择诉求类型", "invalid_choice": "请选择列出的诉求类型"},
    )
    note = forms.CharField(
        label="说明（可选）", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RejectForm(StyledForm):
    reason = forms.ChoiceField(
        label="不予受理原因",
        choices=[("", "请选择"), *NotAcceptedReason.choices],
        error_messages={"required": "请选择不予受理的原因", "invalid_choice": "请选择列出的原因"},
    )
    note = forms.CharField(
        label="说明", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ForwardForm(StyledForm):
    unit = forms.ModelChoiceField(
        label="承办单位",
        queryset=Unit.objects.filter(active=True),
        error_messages={"required": "请选择承办单位", "invalid_choice": "请选择列出的承办单位"},
    )
    note = forms.CharField(
        label="转办意见", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class HotlineForm(StyledForm):
    ref = forms.CharField(label="12345 工单号（可选）", max_length=40, required=False)
    note = forms.CharField(label="说明", max_length=2000, required=False)


class ReceptionForm(StyledForm):
    station = forms.ModelChoiceField(label="联络站", queryset=None, empty_label=None)
    date = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}))
    starts = forms.TimeField(label="开始", widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label="结束", widget=forms.TimeInput(attrs={"type": "time"}))
    topic = forms.CharField(label="主题", max_length=120, required=False)
    mandates = forms.ModelMultipleChoiceField(
        label="接待代表", queryset=None, widget=forms.SelectMultiple(attrs={"size": 6})
    )

    def __init__(self, *args, stations=None, mandates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["station"].queryset = stations
        self.fields["mandates"].queryset = mandates
        self.fields["mandates"].label_from_instance = lambda m: (
            f"{m.person.name}（{m.body.short_name or m.body.name}）"
        )


class ServedForm(StyledForm):
    visitors = forms.IntegerField(label="接待人次", min_value=0, max_value=10000)
    summary = forms.CharField(
        label="接待情况", max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PolicyForm(StyledForm):
    """One field per policy number, with the model's label, bounds and cited source (shown as the hint)."""

    def __init__(self, *args, **kwargs):
        from .models import ContactPolicy
        from .services.settings import FIELDS

        super().__init__(*args, **kwargs)
        for name in FIELDS:
            f = ContactPolicy._meta.get_field(name)
            low, high = (
                (v.limit_value for v in f.validators[:2]) if not name.startswith("weight") else (0, 100)
            )
            self.fields[name] = forms.IntegerField(
                label=f.verbose_name,
                min_value=low,
                max_value=high,
                help_text=f.help_text,
                error_messages={
                    "required": f"请填写{f.verbose_name}",
                    "invalid": f"{f.verbose_name}须为整数",
                    "min_value": f"{f.verbose_name}不能小于 {low}",
                    "max_value": f"{f.verbose_name}不能大于 {high}",
                },
                widget=forms.NumberInput(attrs={"class": "form-control"}),
            )
