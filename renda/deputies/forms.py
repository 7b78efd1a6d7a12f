"""Forms of the staff screens. They parse input; the services decide."""

from django import forms
from django.db.models import Q
from django.utils import timezone

from renda.core.forms import Styled
from renda.core.models import Body

from . import dates
from .choices import ETHNICITY_CHOICES, ChangeKind
from .models import Constituency, Delegation, DeputyGroup, Person, ProfessionalGroup, Station, Term
from .validation import id_card_problem


class PersonForm(Styled, forms.ModelForm):
    id_number = forms.CharField(label="身份证号", max_length=18, required=False)
    phone = forms.RegexField(
        label="手机号码",
        regex=r"^1\d{10}$",
        required=False,
        error_messages={"invalid": "手机号码应为以1开头的11位数字"},
    )
    ethnicity = forms.ChoiceField(label="民族", choices=ETHNICITY_CHOICES)
    # Text, not a date picker: many rosters know only 出生年月 or the year (stored with its precision).
    birth_date = forms.CharField(
        label="出生日期",
        required=False,
        max_length=20,
        help_text="如 1967-03-08；只知道年月或年份时填 1967-03 或 1967",
    )

    class Meta:
        model = Person
        fields = [
            "name",
            "gender",
            "ethnicity",
            "birth_date",
            "party",
            "education",
            "occupation",
            "occupation_category",
            "work_unit",
            "photo",
            "bio",
            "id_number",
            "phone",
        ]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["birth_date"] = self.instance.birth_iso
        self.birth_precision = self.instance.birth_precision or dates.DAY
        self.style()

    def clean_birth_date(self):
        text = (self.cleaned_data.get("birth_date") or "").strip()
        if not text:
            return None
        parsed = dates.parse_partial(text)
        if parsed is None:
            raise forms.ValidationError("出生日期格式不对：可填 1967-03-08、1967-03（年月）或 1967（年份）")
        value, self.birth_precision = parsed
        return value

    def clean_id_number(self) -> str:
        value = (self.cleaned_data.get("id_number") or "").strip().upper()
        if value and (problem := id_card_problem(value)):
            raise forms.ValidationError(problem)
        return value

    def values(self) -> dict:
        return {
            **{
                k: self.cleaned_data[k]
                for k in self.Meta.fields
                if k != "photo" or self.cleaned_data.get("photo")
            },
            "birth_precision": self.birth_precision,
        }


def _scoped(form, name: str, qs) -> None:
    form.fields[name].queryset = qs


class ElectForm(Styled, forms.Form):
    """当选 / 补选: a person gets a seat in one congress term."""

    term = forms.ModelChoiceField(label="届次", queryset=Term.objects.none())
    kind = forms.ChoiceField(
        label="产生方式", choices=[(ChangeKind.ELECTED, "当选"), (ChangeKind.BY_ELECTION, "补选")]
    )
    on = forms.DateField(label="当选日期", widget=forms.DateInput(attrs={"type": "date"}))
    constituency = forms.ModelChoiceField(label="选区", queryset=Constituency.objects.none(), required=False)
    electing_body = forms.ModelChoiceField(
        label="选举单位（由下级人大选举产生的代表）", queryset=Body.objects.none(), required=False
    )
    delegation = forms.ModelChoiceField(label="代表团", queryset=Delegation.objects.none(), required=False)
    group = forms.ModelChoiceField(label="代表小组", queryset=DeputyGroup.objects.none(), required=False)
    card_number = forms.CharField(label="代表证号", max_length=30, required=False)
    reason = forms.CharField(label="说明", max_length=200, required=False)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        _scoped(self, "term", Term.objects.filter(body__in=bodies).select_related("body"))
        self.fields["term"].label_from_instance = lambda t: f"{t.body} {t}"
        _scoped(self, "constituency", Constituency.objects.filter(body__in=bodies).select_related("body"))
        self.fields["constituency"].label_from_instance = lambda c: (
            f"{c.body.short_name or c.body} · {c.name}"
        )
        _scoped(self, "electing_body", bodies)
        # A new seat is offered only open delegations and groups (closed ones stay on existing seats).
        _scoped(self, "delegation", Delegation.objects.filter(body__in=bodies, closed=False))
        _scoped(
            self, "group", DeputyGroup.objects.filter(body__in=bodies, closed=False).select_related("body")
        )
        self.fields["group"].label_from_instance = lambda g: f"{g.body.short_name or g.body} · {g.name}"
        self.style()


class MandateForm(Styled, forms.Form):
    delegation = forms.ModelChoiceField(label="代表团", queryset=Delegation.objects.none(), required=False)
    group = forms.ModelChoiceField(label="代表小组", queryset=DeputyGroup.objects.none(), required=False)
    professional_groups = forms.ModelMultipleChoiceField(
        label="专业小组",
        queryset=ProfessionalGroup.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    stations = forms.ModelMultipleChoiceField(
        label="进站联络站",
        queryset=Station.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    card_number = forms.CharField(label="代表证号", max_length=30, required=False)
    re_elected = forms.BooleanField(label="连任代表", required=False)

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        # Open ones, plus the closed one the seat already has (it stays on the seat).
        current = self.initial.get("delegation"), self.initial.get("group")
        _scoped(
            self,
            "delegation",
            Delegation.objects.filter(body=body).filter(
                Q(closed=False) | Q(pk=getattr(current[0], "pk", None))
            ),
        )
        _scoped(
            self,
            "group",
            DeputyGroup.objects.filter(body=body).filter(
                Q(closed=False) | Q(pk=getattr(current[1], "pk", None))
            ),
        )
        _scoped(self, "professional_groups", ProfessionalGroup.objects.filter(body=body))
        # Stations in the congress's area (a township's, or one of a congress above it, e.g. 代表之家).
        ancestors = [int(x) for x in body.path.strip("/").split("/") if x]
        _scoped(
            self,
            "stations",
            Station.objects.filter(Q(body__path__startswith=body.path) | Q(body__in=ancestors), active=True)
            .select_related("body")
            .order_by("body__path", "name"),
        )
        self.style()


class ChangeForm(Styled, forms.Form):
    """A change of an existing mandate (kinds offered are those workflow.allowed gives)."""

    kind = forms.ChoiceField(label="变动类型")
    on = forms.DateField(label="生效日期", widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label="事由", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    document = forms.CharField(label="决定文号", max_length=100, required=False)
    constituency = forms.ModelChoiceField(
        label="新选区（仅调整选区时填写）", queryset=Constituency.objects.none(), required=False
    )

    def __init__(self, *args, kinds, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, ChangeKind(k).label) for k in kinds]
        self.fields["on"].initial = timezone.localdate()
        _scoped(self, "constituency", Constituency.objects.filter(body=body))
        self.style()


class RosterForm(Styled, forms.Form):
    body = forms.ModelChoiceField(label="人民代表大会", queryset=Body.objects.none())
    on = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        _scoped(self, "body", bodies)
        self.style()


class ImportForm(Styled, forms.Form):
    body = forms.ModelChoiceField(
        label="导入到", queryset=Body.objects.none(), help_text="代表所属的人民代表大会（乡镇为人大主席团）"
    )
    file = forms.FileField(
        label="代表名册文件", help_text="xlsx 或 csv（UTF-8 或 GBK 编码），不超过 50 MB；请使用下载的模板"
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        _scoped(self, "body", bodies)
        self.fields["file"].widget.attrs["accept"] = ".xlsx,.csv"
        self.style()


class StationForm(Styled, forms.ModelForm):
    class Meta:
        model = Station
        fields = [
            "body",
            "name",
            "kind",
            "address",
            "latitude",
            "longitude",
            "opening_hours",
            "phone",
            "keeper",
            "active",
        ]

    def __init__(self, *args, bodies, keepers, **kwargs):
        super().__init__(*args, **kwargs)
        _scoped(self, "body", bodies)
        _scoped(self, "keeper", keepers)
        self.style()

    def values(self) -> dict:
        return {k: self.cleaned_data[k] for k in self.Meta.fields}
