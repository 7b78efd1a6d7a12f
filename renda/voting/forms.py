"""The chair's form for a poll not started from a meeting or a report (an election, a stand-alone vote)."""

from django import forms

from renda.core.forms import Styled

from .models import Kind, Rule


def latest_rules():
    seen, out = set(), []
    for r in Rule.objects.order_by("code", "-version"):
        if r.code not in seen:
            seen.add(r.code)
            out.append((r.code, f"{r.name}（第{r.version}版）"))
    return out


class PollForm(Styled, forms.Form):
    title = forms.CharField(label="表决事项", max_length=200)
    kind = forms.ChoiceField(label="方式", choices=Kind.choices)
    rule = forms.ChoiceField(label="计票规则", help_text="规则及其依据条文会印在结果上；开始投票后不能更改")
    options = forms.CharField(
        label="选项或候选人",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="每行一个。议案表决留空即为赞成/反对/弃权；满意度测评留空即为满意/基本满意/不满意",
    )
    seats = forms.IntegerField(label="应选名额", min_value=1, max_value=500, required=False)
    secret = forms.BooleanField(label="无记名投票", required=False)
    allow_public = forms.BooleanField(label="允许公众扫码投票（网络问政）", required=False)
    paper = forms.BooleanField(label="使用纸质选票（工作人员录入）", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = latest_rules()

    def option_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["options"].splitlines() if line.strip()]
