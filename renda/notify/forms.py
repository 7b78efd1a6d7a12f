from django import forms

from renda.core.forms import Styled

from .models import Approval


class PreferenceForm(Styled, forms.Form):
    email_on = forms.BooleanField(label="接收电子邮件", required=False)
    sms_on = forms.BooleanField(label="接收短信", required=False)
    wechat_on = forms.BooleanField(label="接收微信公众号消息", required=False)
    digest_on = forms.BooleanField(label="每天早上收到前一天站内通知的汇总邮件", required=False)
    phone = forms.CharField(
        label="通知手机号", max_length=20, required=False, help_text="留空则使用账号手机号"
    )
    email = forms.CharField(label="通知邮箱", max_length=254, required=False, help_text="留空则使用账号邮箱")
    wechat_openid = forms.CharField(
        label="微信 OpenID", max_length=64, required=False, help_text="关注本机关公众号后由工作人员绑定"
    )


class TemplateForm(Styled, forms.Form):
    title = forms.CharField(label="标题（站内信、邮件）", max_length=200)
    text = forms.CharField(
        label="内容（站内信、邮件）", max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    sms_text = forms.CharField(
        label="短信内容",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="修改后须重新报服务商审核；审核通过前不发短信（站内通知照常）",
    )
    sms_provider_code = forms.CharField(label="短信服务商模板编号", max_length=80, required=False)
    sms_approval = forms.ChoiceField(label="短信模板审核状态", choices=Approval.choices)
    wechat_template_id = forms.CharField(label="微信模板编号", max_length=80, required=False)


class PolicyForm(Styled, forms.Form):
    """One field per policy number, with the model's label, bounds and the rule behind the default."""

    def __init__(self, *args, **kwargs):
        from .models import NotifyPolicy
        from .services.settings import POLICY_FIELDS

        super().__init__(*args, **kwargs)
        for name in POLICY_FIELDS:
            f = NotifyPolicy._meta.get_field(name)
            low, high = (v.limit_value for v in f.validators[:2])
            if f.choices:
                self.fields[name] = forms.TypedChoiceField(
                    label=f.verbose_name, choices=f.choices, coerce=int, help_text=f.help_text
                )
                continue
            self.fields[name] = forms.IntegerField(
                label=f.verbose_name, min_value=low, max_value=high, help_text=f.help_text
            )
        self.style()
