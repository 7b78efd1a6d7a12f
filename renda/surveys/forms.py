from django import forms

from .models import Audience, Kind, Survey
from .services import SCALE_LABELS


def _style(form: forms.Form) -> None:
    for f in form.fields.values():
        w = f.widget
        if isinstance(w, forms.CheckboxInput):
            w.attrs.setdefault("class", "form-check-input")
        elif isinstance(w, forms.Select):
            w.attrs.setdefault("class", "form-select")
        else:
            w.attrs.setdefault("class", "form-control")


class SurveyForm(forms.ModelForm):
    opens_at = forms.DateTimeField(
        label="开始时间",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="留空：发布即开始",
    )
    closes_at = forms.DateTimeField(
        label="截止时间",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="留空：由工作人员手动结束",
    )

    class Meta:
        model = Survey
        fields = ["title", "intro", "audience", "anonymous", "opens_at", "closes_at"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = Audience.choices
        _style(self)

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", "截止时间必须晚于开始时间")
        return data


class SectionForm(forms.Form):
    title = forms.CharField(label="分节标题", max_length=120)
    description = forms.CharField(label="分节说明", max_length=1000, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label="题型", choices=Kind.choices)
    text = forms.CharField(label="题目", max_length=300)
    help_text = forms.CharField(label="提示（可选）", max_length=300, required=False)
    scale = forms.ChoiceField(
        label="评价量表（评价题、矩阵题）",
        choices=[("", "自定义选项"), *SCALE_LABELS.items()],
        required=False,
    )
    options = forms.CharField(
        label="选项（每行一个；“满意=100”可设分值）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )
    rows = forms.CharField(
        label="评价对象（矩阵题，每行一个）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )
    max_choices = forms.IntegerField(label="最多选几项（多选题）", required=False, min_value=1, max_value=50)
    section = forms.TypedChoiceField(label="所属分节", required=False, coerce=int, empty_value=None)
    show_if_option = forms.TypedChoiceField(
        label="显示条件（可选）：前面某题选了…才显示", required=False, coerce=int, empty_value=None
    )
    required = forms.BooleanField(label="必答", required=False, initial=True)

    def __init__(self, *args, survey=None, **kwargs):
        super().__init__(*args, **kwargs)
        if survey is not None:
            self.fields["section"].choices = [
                ("", "（不分节）"),
                *((s.pk, s.title) for s in survey.sections.all()),
            ]
            opts = [("", "（总是显示）")]
            for q in survey.questions.filter(
                kind__in=[Kind.SINGLE, Kind.MULTIPLE, Kind.RATING]
            ).prefetch_related("options"):
                opts += [(o.pk, f"第 {q.position} 题 = {o.label}") for o in q.options.all()]
            self.fields["show_if_option"].choices = opts
        _style(self)
