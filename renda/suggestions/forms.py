"""Forms of the suggestion screens. They parse input; the services decide."""

from django import forms

from renda.core.forms import Styled
from renda.core.models import Unit

from .models import (
    ContactForm,
    ContactStage,
    EscalationKind,
    Kind,
    MotionDecision,
    NonAcceptance,
    Period,
    Policy,
    Rating,
    ReconsiderationOutcome,
    ReplyClass,
    Suggestion,
)
from .models.policy import NUMBER_FIELDS


class CosignerPicker(forms.Widget):
    """Co-signers picked by name or pinyin from the congress's seated deputies (§1.3 step 1: a joint item names
    its co-signers). A search box asks the server (htmx) for matches; each match and each deputy already picked
    is a labelled checkbox named `cosigners`, so the choice is posted with the form and survives a refusal."""

    template_name = "suggestions/_cosigner_picker.html"
    item_pk: int | None = None

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])

    def value_omitted_from_data(self, data, files, name):
        return False

    def format_value(self, value):
        return list(value or [])

    def get_context(self, name, value, attrs):
        from django.urls import reverse

        from renda.deputies.models import Mandate

        ctx = super().get_context(name, value, attrs)
        ids = [int(v) for v in (value or []) if str(v).isdigit()]
        by_pk = {m.pk: m for m in Mandate.objects.filter(pk__in=ids).select_related(*COSIGNER_RELATED)}
        url = reverse("suggestions:cosigner_search")
        ctx["picked"] = [by_pk[i] for i in dict.fromkeys(ids) if i in by_pk]
        ctx["search_url"] = f"{url}?item={self.item_pk}" if self.item_pk else url
        return ctx


COSIGNER_RELATED = ("person", "delegation", "group", "constituency")


class CosignerField(forms.Field):
    widget = CosignerPicker

    def to_python(self, value) -> list[int]:
        out = []
        for v in value or []:
            try:
                out.append(int(v))
            except (TypeError, ValueError):
                raise forms.ValidationError("附议代表的选择有误，请重新查找并勾选") from None
        if len(out) > 300:
            raise forms.ValidationError("附议代表不能超过 300 名")
        return list(dict.fromkeys(out))


class DraftForm(Styled, forms.ModelForm):
    cosigners = CosignerField(
        label="附议代表（联名提出时选择）",
        required=False,
        help_text="输入姓名或拼音查找本级在任代表（如“张伟”“zhangwei”“zw”），勾选即可；同名代表看代表团和工作单位区分。"
        "附议代表逐一确认后才提交审查。",
    )

    class Meta:
        model = Suggestion
        fields = ["kind", "period", "title", "facts", "proposals", "card_number", "contact", "private"]
        widgets = {"facts": forms.Textarea(attrs={"rows": 5}), "proposals": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "title": "一事一议：一件建议只提一个问题。",
            "facts": "议案请写明案由和案据。",
            "proposals": "议案请写明解决方案。",
        }

    def __init__(self, *args, mandates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Kind.choices
        self.fields["period"].choices = Period.choices
        if mandates is not None and not self.instance.pk:
            self.fields["mandate"] = forms.ModelChoiceField(
                mandates, label="以何种代表身份提出", empty_label=None
            )
            self.order_fields(["mandate"])
            self.style()
        if self.instance.pk:
            self.fields["cosigners"].widget.item_pk = self.instance.pk


class HandOverForm(Styled, forms.Form):
    mode = forms.ChoiceField(
        label="承办方式",
        choices=[("lead", "主办 + 协办"), ("separate", "分别办理（分办）")],
        widget=forms.RadioSelect,
        initial="lead",
    )
    lead = forms.ModelChoiceField(Unit.objects.none(), label="主办单位", required=False)
    co = forms.ModelMultipleChoiceField(Unit.objects.none(), label="协办单位", required=False)
    separate = forms.ModelMultipleChoiceField(Unit.objects.none(), label="分办单位", required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = units if units is not None else Unit.objects.none()
        for f in ("lead", "co", "separate"):
            self.fields[f].queryset = qs

    def kwargs(self) -> dict:
        d = self.cleaned_data
        if d["mode"] == "separate":
            return {"separate": list(d["separate"])}
        return {"lead": d["lead"], "co": list(d["co"])}


class ReplyForm(Styled, forms.Form):
    """The reply a unit drafts (§1.3 step 7). The page and the API both parse it with this form; the service
    then checks the document's content and the rules of the round."""

    reply_class = forms.ChoiceField(label="答复类别", choices=[("", "请选择"), *ReplyClass.choices])
    content = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 6}), max_length=20000)
    document = forms.FileField(
        label="答复函（负责人签署盖章的扫描件）",
        max_length=150,
        help_text="PDF、OFD、Word 或 JPEG/PNG 图片，不超过 20MB",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.ofd,.doc,.docx,.jpg,.jpeg,.png"}),
    )
    document_number = forms.CharField(label="文号", required=False, max_length=60)
    cohandler_views = forms.CharField(
        label="协办单位意见说明", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {
            "reply_class": d["reply_class"],
            "content": d["content"],
            "document": d["document"],
            "document_number": d["document_number"],
            "cohandler_views": d["cohandler_views"],
        }


class ReconsiderationDecisionForm(Styled, forms.Form):
    outcome = forms.ChoiceField(
        label="主席团复议决定", choices=ReconsiderationOutcome.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(label="理由", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class ContactRecordForm(Styled, forms.Form):
    stage = forms.ChoiceField(label="阶段", choices=ContactStage.choices)
    on = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}))
    form = forms.ChoiceField(label="方式", choices=ContactForm.choices)
    content = forms.CharField(label="沟通内容", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class EvaluationForm(Styled, forms.Form):
    reply_id = forms.IntegerField(widget=forms.HiddenInput)
    attitude = forms.ChoiceField(label="办理态度", choices=Rating.choices, widget=forms.RadioSelect)
    result = forms.ChoiceField(label="办理结果", choices=Rating.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label="理由（不满意时必填）", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    cosigner_views = forms.CharField(
        label="附议代表意见（联名件由领衔代表汇总）", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class NotAcceptForm(Styled, forms.Form):
    reason = forms.ChoiceField(label="不予受理理由", choices=NonAcceptance.choices)
    note = forms.CharField(label="说明", required=False, max_length=1000)


class MotionForm(Styled, forms.Form):
    decision = forms.ChoiceField(label="审查决定", choices=MotionDecision.choices)
    reasons = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}), max_length=3000)


class EscalationForm(Styled, forms.Form):
    kind = forms.ChoiceField(label="方式", choices=EscalationKind.choices)
    note = forms.CharField(label="安排", max_length=2000)
    outcome = forms.CharField(label="结论", required=False, max_length=2000)


# The presidium's meeting time sits right after the reconsideration cut-off it anchors (§1.4).
_AFTER_CUTOFF = NUMBER_FIELDS.index("reconsider_hours_before") + 1
POLICY_FIELDS = [*NUMBER_FIELDS[:_AFTER_CUTOFF], "presidium_last_meeting_at", *NUMBER_FIELDS[_AFTER_CUTOFF:]]


class PolicyForm(Styled, forms.ModelForm):
    class Meta:
        model = Policy
        fields = POLICY_FIELDS
        widgets = {
            "presidium_last_meeting_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            )
        }

    def clean(self):
        data = super().clean()
        total = sum(data.get(k) or 0 for k in ("weight_on_time", "weight_solved", "weight_satisfied"))
        if total <= 0:
            raise forms.ValidationError("三项权重之和须大于 0")
        return data


class SuperviseForm(Styled, forms.Form):
    theme = forms.CharField(label="督办主题", max_length=120)
    supervising_leader = forms.CharField(label="督办领导（常委会）", max_length=60)
    handling_leader = forms.CharField(label="领办领导（政府）", max_length=60)
    note = forms.CharField(label="督办要求", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    items = forms.ModelMultipleChoiceField(
        Suggestion.objects.none(), label="督办建议", widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        if items is not None:
            self.fields["items"].queryset = items
