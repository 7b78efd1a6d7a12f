from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.forms.renderers import DjangoTemplates

from .models import DayKind


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码错误（区分大小写）。连续 5 次错误，账号将被锁定 30 分钟。",
        "inactive": "该账号已停用，请联系系统管理员。",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["password"].label = "密码"
        self.fields["username"].widget.attrs.update({"class": "form-control", "autocomplete": "username"})
        self.fields["password"].widget.attrs.update(
            {"class": "form-control", "autocomplete": "current-password"}
        )


class TokenForm(forms.Form):
    token = forms.RegexField(
        label="动态验证码",
        regex=r"^\d{6}$",
        max_length=6,
        error_messages={"invalid": "验证码是 6 位数字", "required": "请输入验证码"},
        widget=forms.TextInput(
            attrs={"class": "form-control", "inputmode": "numeric", "autocomplete": "one-time-code"}
        ),
    )


class CalendarYearForm(forms.Form):
    year = forms.IntegerField(
        label="年份",
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    source = forms.CharField(
        label="依据",
        max_length=200,
        help_text="例如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕×号）",
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    lines = forms.CharField(
        label="放假与调休安排",
        max_length=20000,
        help_text="每行一天：日期 休/班 节日名称。例如“2027-10-01 休 国庆节”“2027-09-26 班 国庆节”。",
        widget=forms.Textarea(attrs={"class": "form-control font-monospace", "rows": 14}),
    )

    def clean_lines(self):
        value = self.cleaned_data["lines"]
        if "\x00" in value:
            raise forms.ValidationError("内容包含非法字符")
        return value


DAY_KIND_CHOICES = DayKind.choices


class AccountForm(forms.Form):
    """Opening an account; the service checks the rules, the form only parses."""

    username = forms.RegexField(
        label="用户名",
        regex=r"^[A-Za-z0-9_.-]{3,40}$",
        max_length=40,
        error_messages={"invalid": "用户名为 3–40 位字母、数字、下划线、点或连字符"},
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )
    full_name = forms.CharField(
        label="姓名", max_length=40, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    role = forms.ChoiceField(label="角色", widget=forms.Select(attrs={"class": "form-select"}))
    body = forms.ModelChoiceField(
        label="所属人大机关",
        required=False,
        queryset=None,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    unit = forms.ModelChoiceField(
        label="所属承办单位",
        required=False,
        queryset=None,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    phone = forms.RegexField(
        label="手机",
        regex=r"^1\d{10}$",
        required=False,
        max_length=11,
        error_messages={"invalid": "请输入 11 位手机号"},
        widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "tel"}),
    )
    password = forms.CharField(
        label="初始密码",
        max_length=128,
        help_text="至少 10 位，包含小写字母、大写字母、数字、符号中的 3 类。",
        widget=forms.PasswordInput(attrs={"class": "form-control", "autocomplete": "new-password"}),
    )

    def __init__(self, *args, **kwargs):
        from .models import Body, Unit
        from .roles import Role

        super().__init__(*args, **kwargs)
        self.fields["role"].choices = Role.choices
        self.fields["body"].queryset = Body.objects.order_by("path")
        self.fields["unit"].queryset = Unit.objects.filter(active=True).order_by("name")


class Renderer(DjangoTemplates):
    """Every field is drawn by one template (core/forms/field.html) through `{{ field.as_field_group }}`."""

    field_template_name = "core/forms/field.html"


class Styled:
    """Tabler classes on every widget of a form (labels, help and errors: core/forms/field.html)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()

    def style(self) -> None:
        """Safe to call again after fields change: a widget that has a Tabler class keeps it."""
        for f in self.fields.values():
            w = f.widget
            if isinstance(w, forms.HiddenInput):
                continue
            if isinstance(w, forms.RadioSelect | forms.CheckboxSelectMultiple | forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(w, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            classes = w.attrs.get("class", "").split()
            if not any(c.startswith("form-") for c in classes):
                w.attrs["class"] = " ".join([*classes, css])
