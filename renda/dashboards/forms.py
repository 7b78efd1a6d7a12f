from django import forms

from renda.core.forms import Styled

from .models import ReportKind, Scope


class TemplateForm(Styled, forms.Form):
    kind = forms.ChoiceField(label="报告", choices=ReportKind.choices)
    file = forms.FileField(label="模板文件（.docx）", help_text="在默认模板上修改后上传；保留 {{ … }} 标签")


class TokenForm(Styled, forms.Form):
    name = forms.CharField(label="用途", max_length=60, help_text="例如：12345 平台对接、统计分析脚本")
    scopes = forms.MultipleChoiceField(
        label="权限范围", choices=Scope.choices, widget=forms.CheckboxSelectMultiple, initial=[Scope.READ]
    )
    days = forms.IntegerField(label="有效期（天）", min_value=1, max_value=366, initial=90)
