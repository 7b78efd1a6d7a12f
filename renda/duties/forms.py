"""Forms parse input; the services decide (house-style.md)."""

from decimal import Decimal

from django import forms
from django.utils import timezone

from renda.core.forms import Styled

from .choices import Category, Cycle, TalkStatus, Verdict
from .models import DutyType, TalkCase

DATE = {"type": "date"}


class DeclareForm(Styled, forms.Form):
    mandate = forms.ModelChoiceField(label="代表身份", queryset=None, empty_label=None)
    duty_type = forms.ModelChoiceField(label="履职类型", queryset=None)
    on = forms.DateField(label="履职日期", widget=forms.DateInput(attrs=DATE))
    title = forms.CharField(
        label="事项", max_length=200, help_text="例如：走访城南社区联系户，了解老旧小区加装电梯意见"
    )
    note = forms.CharField(label="情况说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    evidence_file = forms.FileField(
        label="佐证材料（照片或文档）",
        required=False,
        help_text="JPEG、PNG 图片或 PDF、Word 文档；照片中的拍摄位置（GPS）保存前会去除",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf,.docx"}),
    )
    evidence_text = forms.CharField(
        label="佐证说明",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="没有照片时，写明时间、地点、参加人员等",
    )

    def __init__(self, *args, mandates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mandate"].queryset = mandates
        self.fields["mandate"].label_from_instance = lambda m: f"{m.body}（{m.term}）"
        self.fields["duty_type"].queryset = (
            DutyType.objects.filter(body__in=mandates.values("body"), declarable=True, active=True)
            .select_related("body")
            .order_by("body__path", "order", "id")
        )
        if (
            len({m.body_id for m in mandates}) > 1
        ):  # a deputy at two levels picks the type of the right congress
            self.fields["duty_type"].label_from_instance = lambda t: (
                f"{t.body.short_name or t.body} · {t.name}"
            )
        self.fields["on"].initial = timezone.localdate()
        self.style()


class ReviewFilter(Styled, forms.Form):
    """The review queue's search; a bad value is shown as a field error and that filter is left out."""

    deputy = forms.CharField(label="代表", max_length=50, required=False, help_text="姓名或拼音")
    duty_type = forms.ModelChoiceField(label="履职类型", queryset=None, required=False, empty_label="全部")
    start = forms.DateField(label="履职日期自", required=False, widget=forms.DateInput(attrs=DATE))
    end = forms.DateField(label="至", required=False, widget=forms.DateInput(attrs=DATE))
    order = forms.ChoiceField(
        label="排序", choices=[("oldest", "最早提交在前"), ("newest", "最新提交在前")], required=False
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duty_type"].queryset = (
            DutyType.objects.filter(body__in=bodies, declarable=True)
            .select_related("body")
            .order_by("order", "id")
        )
        self.fields["duty_type"].label_from_instance = lambda t: f"{t.body.short_name or t.body} · {t.name}"
        self.style()

    def filters(self) -> dict:
        """The valid filters only: one bad date must not hide the queue."""
        self.is_valid()
        d = {k: v for k, v in getattr(self, "cleaned_data", {}).items() if k not in self.errors}
        start, end = d.get("start"), d.get("end")
        if start and end and end < start:
            self.add_error("end", "截止日期不能早于起始日期")
            end = None
        return {
            "deputy": d.get("deputy") or "",
            "duty_type": d.get("duty_type"),
            "start": start,
            "end": end,
            "newest": d.get("order") == "newest",
        }


class ReasonForm(Styled, forms.Form):
    reason = forms.CharField(label="理由", max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class LeaveForm(Styled, forms.Form):
    half_days = forms.TypedChoiceField(
        label="请假时长",
        coerce=int,
        choices=(),
        initial=2,
        help_text="人代会请假按半天计算扣分（重庆江北区：请假半天扣 1 分）",
    )
    reason = forms.CharField(label="请假事由", max_length=300, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["half_days"].choices = choices
        self.style()


class ActivityForm(Styled, forms.Form):
    body = forms.ModelChoiceField(label="代表所属人大", queryset=None, empty_label=None)
    duty_type = forms.ModelChoiceField(label="履职类型", queryset=DutyType.objects.none())
    title = forms.CharField(label="活动名称", max_length=200)
    start = forms.DateField(label="开始日期", widget=forms.DateInput(attrs=DATE))
    end = forms.DateField(label="结束日期", required=False, widget=forms.DateInput(attrs=DATE))
    location = forms.CharField(label="地点", max_length=200, required=False)
    convener = forms.CharField(
        label="召集人", max_length=60, required=False, help_text="闭会期间活动的请假由召集人审批"
    )
    group = forms.ModelChoiceField(
        label="应参加代表", queryset=None, required=False, empty_label="本级全体在任代表"
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        from renda.deputies.models import DeputyGroup

        self.fields["body"].queryset = bodies
        self.fields["duty_type"].queryset = DutyType.objects.filter(
            body__in=bodies, active=True
        ).select_related("body")
        self.fields["duty_type"].label_from_instance = lambda t: f"{t.body.short_name or t.body} · {t.name}"
        # A closed group (deputies setup) holds no new activities; its past ones stay in the ledger.
        self.fields["group"].queryset = DeputyGroup.objects.filter(
            body__in=bodies, closed=False
        ).select_related("body")
        self.style()


class TalkForm(Styled, forms.ModelForm):
    class Meta:
        model = TalkCase
        fields = ["status", "planned_on", "held_on", "talked_by", "content", "commitments", "follow_up"]
        widgets = {
            "planned_on": forms.DateInput(attrs=DATE),
            "held_on": forms.DateInput(attrs=DATE),
            "content": forms.Textarea(attrs={"rows": 3}),
            "commitments": forms.Textarea(attrs={"rows": 2}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
            "status": forms.Select(choices=TalkStatus.choices),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class TriggerForm(Styled, forms.Form):
    note = forms.CharField(label="处理说明", max_length=300, required=False)
    on = forms.DateField(label="终止日期", required=False, widget=forms.DateInput(attrs=DATE))
    document = forms.CharField(label="决定文号", max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


def parse_bands(text: str) -> list[tuple[str, Decimal, Decimal | None, bool]]:
    """One band a line: 等次,最低分,最高分(空=不封顶),较差(是/否)."""
    bands = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.replace("，", ",").split(",")]
        if len(parts) != 4:
            raise forms.ValidationError(f"第 {n} 行应为：等次,最低分,最高分,是否较差")
        try:
            lo = Decimal(parts[1])
            hi = Decimal(parts[2]) if parts[2] else None
        except ArithmeticError as exc:
            raise forms.ValidationError(f"第 {n} 行的分数不是数字") from exc
        bands.append((parts[0], lo, hi, parts[3] in ("是", "较差", "1", "yes", "true")))
    return bands


class RulesForm(Styled, forms.Form):
    base_score = forms.DecimalField(
        label="基础分", max_digits=6, decimal_places=2, min_value=-999, max_value=999
    )
    leave_points = forms.DecimalField(
        label="人代会请假（每半天）", max_digits=6, decimal_places=2, min_value=-999, max_value=999
    )
    absence_points = forms.DecimalField(
        label="无故缺席（每次）", max_digits=6, decimal_places=2, min_value=-999, max_value=999
    )
    cycle = forms.ChoiceField(label="公布周期", choices=Cycle.choices)
    publish_to_portal = forms.BooleanField(label="在门户网站公布积分", required=False)
    bands = forms.CharField(
        label="等次",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="每行一个：等次,最低分(含),最高分(不含，空=不封顶),是否较差(是/否)",
    )
    requirements = forms.CharField(
        label="年度最低履职要求",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="每行一项：要求,计入的类型代码(用 | 分隔),最少次数，例如 一条建议,suggestion|motion,1",
    )
    reason = forms.CharField(label="修改原因", max_length=200)

    def __init__(self, *args, ruleset, **kwargs):
        super().__init__(*args, **kwargs)
        self.ruleset = ruleset
        self.types = list(DutyType.objects.filter(body=ruleset.body).order_by("order", "id"))
        current = {tp.duty_type_id: tp for tp in ruleset.type_points.all()}
        for t in self.types:
            tp = current.get(t.pk)
            self.fields[f"p_{t.pk}"] = forms.DecimalField(
                label=f"{t.name} 分值",
                max_digits=6,
                decimal_places=2,
                min_value=-999,
                max_value=999,
                initial=tp.points if tp else t.default_points,
            )
            self.fields[f"c_{t.pk}"] = forms.DecimalField(
                label=f"{t.name} 年度上限",
                max_digits=6,
                decimal_places=2,
                min_value=0,
                max_value=9999,
                required=False,
                initial=tp.cap if tp else t.default_cap,
            )
        self.style()

    def clean_bands(self):
        return parse_bands(self.cleaned_data["bands"])

    def clean_requirements(self) -> list[tuple[str, list[str], int]]:
        codes = {t.code for t in self.types}
        out = []
        for n, line in enumerate(self.cleaned_data["requirements"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.replace("，", ",").split(",")]
            if len(parts) != 3 or not parts[2].isdigit():
                raise forms.ValidationError(f"第 {n} 行应为：要求,类型代码|类型代码,最少次数")
            wanted = [c.strip() for c in parts[1].split("|") if c.strip()]
            if not wanted or set(wanted) - codes:
                raise forms.ValidationError(
                    f"第 {n} 行有未知的类型代码：{'、'.join(sorted(set(wanted) - codes))}"
                )
            out.append((parts[0], wanted, int(parts[2])))
        return out

    def type_rows(self):
        """Per type: the fields and where the value comes from (a published scheme, the project's default or
        the body's own choice; domain.md §3.3)."""
        from . import defaults

        shipped = {code: (pts, cap) for code, _n, _c, pts, cap, *_ in defaults.TYPES}
        rows = []
        for t in self.types:
            p, c = self[f"p_{t.pk}"], self[f"c_{t.pk}"]
            value = (p.initial, c.initial)
            rows.append((t, p, c, defaults.basis(t.code, value, shipped.get(t.code, (None, None)))))
        return rows

    def rule_basis(self) -> dict:
        from . import defaults

        rs_defaults = {"base_score": 0, "leave_points": -1, "absence_points": -5}
        out = {k: defaults.basis(k, self.initial.get(k), v) for k, v in rs_defaults.items()}
        bands = sorted((b.label, b.min_score, b.max_score, b.poor) for b in self.ruleset.bands.all())
        out["bands"] = defaults.basis("bands", bands, sorted(defaults.BANDS))
        reqs = [(r.label, r.type_codes, r.min_count) for r in self.ruleset.requirements.all()]
        out["requirements"] = defaults.basis("requirements", reqs, [tuple(r) for r in defaults.REQUIREMENTS])
        return out

    def type_points(self) -> dict:
        return {t.pk: (self.cleaned_data[f"p_{t.pk}"], self.cleaned_data[f"c_{t.pk}"]) for t in self.types}


class MeetingForm(Styled, forms.Form):
    title = forms.CharField(label="会议名称", max_length=200)
    on = forms.DateField(label="日期", widget=forms.DateInput(attrs=DATE))
    place = forms.CharField(label="地点", max_length=200)
    constituency = forms.ModelChoiceField(
        label="按选区述职",
        queryset=None,
        required=False,
        empty_label="（不按选区）",
        help_text="选择选区后，未单独选择代表时由该选区全体在任代表述职",
    )
    mandates = forms.ModelMultipleChoiceField(
        label="述职代表", queryset=None, required=False, widget=forms.SelectMultiple(attrs={"size": 8})
    )

    def __init__(self, *args, mandates, **kwargs):
        super().__init__(*args, **kwargs)
        from renda.deputies.models import Constituency

        self.fields["constituency"].queryset = Constituency.objects.filter(
            pk__in=mandates.exclude(constituency=None).values("constituency")
        )
        self.fields["mandates"].queryset = mandates
        self.fields["mandates"].label_from_instance = lambda m: (
            f"{m.person.name}（{m.body.short_name or m.body}）"
        )
        self.style()


class InviteForm(Styled, forms.Form):
    people = forms.CharField(
        label="选民代表名单",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="每行一人：姓名,所在村（社区）",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()

    def clean_people(self) -> list[tuple[str, str]]:
        """A name over 40 or a place over 60 characters is refused with its line, not silently cut."""
        rows = []
        for n, line in enumerate(self.cleaned_data["people"].splitlines(), start=1):
            parts = [p.strip() for p in line.replace("，", ",").split(",", 1)]
            if not parts[0]:
                continue
            place = parts[1] if len(parts) > 1 else ""
            if len(parts[0]) > 40 or len(place) > 60:
                raise forms.ValidationError(f"第 {n} 行：姓名不超过 40 个字，村（社区）不超过 60 个字")
            rows.append((parts[0], place))
        return rows


class PaperForm(Styled, forms.Form):
    mandate = forms.ModelChoiceField(label="代表", queryset=None, empty_label=None)
    satisfied = forms.IntegerField(label=Verdict.SATISFIED.label, min_value=0, max_value=10000, initial=0)
    basic = forms.IntegerField(label=Verdict.BASIC.label, min_value=0, max_value=10000, initial=0)
    unsatisfied = forms.IntegerField(label=Verdict.UNSATISFIED.label, min_value=0, max_value=10000, initial=0)

    def __init__(self, *args, mandates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mandate"].queryset = mandates
        self.fields["mandate"].label_from_instance = lambda m: m.person.name
        self.style()


class RankingFilter(Styled, forms.Form):
    body = forms.ModelChoiceField(label="人大", queryset=None, required=False, empty_label="全部")
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    period = forms.ChoiceField(
        label="期间",
        choices=[
            ("Y", "全年"),
            ("Q1", "第一季度"),
            ("Q2", "第二季度"),
            ("Q3", "第三季度"),
            ("Q4", "第四季度"),
        ],
        required=False,
    )
    by = forms.ChoiceField(
        label="排名对象",
        choices=[("deputy", "代表"), ("group", "代表小组"), ("township", "乡镇（街道）"), ("level", "层级")],
        required=False,
    )
    start = forms.DateField(label="自定义起始", required=False, widget=forms.DateInput(attrs=DATE))
    end = forms.DateField(label="自定义截止", required=False, widget=forms.DateInput(attrs=DATE))

    def clean(self):
        d = super().clean()
        if bool(d.get("start")) != bool(d.get("end")):
            raise forms.ValidationError("自定义期间须同时填写起始和截止日期")
        if d.get("start") and d["end"] < d["start"]:
            raise forms.ValidationError("截止日期不能早于起始日期")
        return d

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        self.style()


class DutyTypeForm(Styled, forms.Form):
    code = forms.SlugField(
        label="代码", max_length=40, help_text="英文字母、数字、下划线，例如 village_visit"
    )
    name = forms.CharField(label="名称", max_length=60)
    category = forms.ChoiceField(label="档案栏目", choices=Category.choices)
    is_session = forms.BooleanField(label="本级人代会会议（缺席计入代表法第六十二条）", required=False)
    declarable = forms.BooleanField(label="代表可自行申报", required=False, initial=True)
    active = forms.BooleanField(label="在用", required=False, initial=True)
    default_points = forms.DecimalField(
        label="默认分值", max_digits=6, decimal_places=2, min_value=-999, max_value=999, initial=0
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class AwardForm(Styled, forms.Form):
    on = forms.DateField(label="日期", widget=forms.DateInput(attrs=DATE))
    title = forms.CharField(label="表彰名称", max_length=200)
    issuer = forms.CharField(label="授予机关", max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()
