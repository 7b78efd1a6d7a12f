"""Setting up a congress (issue 14): its term (届次), delegations (代表团), constituencies (选区), deputy groups
(代表小组) and professional groups (专业小组), so a roster can be imported without a developer.

Every write: keyword-only, `by=` actor (None only for the bootstrap command), one transaction, audited.
Bad input is refused with a Chinese reason and changes nothing.
"""

import unicodedata
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from renda.core import audit
from renda.core.errors import Refused
from renda.core.models import DEPUTY_BODY_KINDS, Body

from ..models import Constituency, Delegation, DeputyGroup, ProfessionalGroup, Term
from ..permissions import require_manage

# The organisation of a congress that staff set up, by the slug used in URLs and the command's file.
ORG_KINDS: dict[str, tuple[type, str]] = {
    "delegations": (Delegation, "代表团"),
    "constituencies": (Constituency, "选区"),
    "groups": (DeputyGroup, "代表小组"),
    "professional_groups": (ProfessionalGroup, "专业小组"),
}
NAME_MAX = 60


def _require_congress(body: Body, by) -> None:
    if body.kind not in DEPUTY_BODY_KINDS:
        raise Refused(
            "setup_not_a_congress",
            f"{body}不是人民代表大会或乡镇人大主席团，不设届次和代表组织（街道人大工委联系上级人大的代表）",
        )
    if by is not None:
        require_manage(by, body, action="设立届次和代表组织")


def _clean_name(raw: str) -> str:
    """NFKC (full-width → half-width) and no inner or outer spaces, as the import normalises names."""
    return "".join(unicodedata.normalize("NFKC", raw or "").split())


def _check_term_dates(body: Body, number: int, start: date, end: date | None, *, exclude: int | None) -> None:
    if not number or number < 1 or number > 99:
        raise Refused("term_number_invalid", "届次应为 1 至 99 的整数")
    if start is None:
        raise Refused("term_start_missing", "请填写本届起始日期")
    if end is not None and end <= start:
        raise Refused(
            "term_end_before_start", f"届满日期（{end:%Y-%m-%d}）须晚于起始日期（{start:%Y-%m-%d}）"
        )
    others = Term.objects.filter(body=body).exclude(pk=exclude)
    if others.filter(number=number).exists():
        raise Refused("term_number_taken", f"{body}已有第{number}届，请勿重复设立")
    for other in others:
        # Two terms overlap unless one ends before (or on the day) the other starts; no end = still running.
        if (end is None or other.start_date < end) and (other.end_date is None or start < other.end_date):
            span = (
                f"{other.start_date:%Y-%m-%d} 至 {other.end_date:%Y-%m-%d}"
                if other.end_date
                else (f"{other.start_date:%Y-%m-%d} 起，尚未届满")
            )
            raise Refused(
                "term_overlaps",
                f"与{other}（{span}）的任期重叠：同一人大的两届任期不能重叠，请先填写上一届的届满日期",
            )


@transaction.atomic
def create_term(body: Body, *, number: int, start_date: date, end_date: date | None = None, by) -> Term:
    """设立新一届. Refuses a body that seats no deputies, a taken number, end not after start, and a term
    overlapping another term of the same congress (domain.md §3: one roster per congress at a time)."""
    _require_congress(body, by)
    Body.objects.select_for_update().filter(pk=body.pk).first()  # serialise two staff setting up at once
    _check_term_dates(body, number, start_date, end_date, exclude=None)
    term = Term.objects.create(body=body, number=number, start_date=start_date, end_date=end_date)
    audit.record(
        "deputies.term.create",
        term,
        by=by,
        after={"body": body.pk, "number": number, "start": str(start_date), "end": str(end_date or "")},
    )
    return term


@transaction.atomic
def update_term(term: Term, *, number: int, start_date: date, end_date: date | None, by) -> Term:
    """Edit a term's number and dates (closing it = entering its end date). Refuses what `create_term`
    refuses, and dates that would leave a seat of the term outside it."""
    term = Term.objects.select_for_update().get(pk=term.pk)
    _require_congress(term.body, by)
    _check_term_dates(term.body, number, start_date, end_date, exclude=term.pk)
    seats = term.mandates.all()
    if seats.filter(start_date__lt=start_date).exists():
        raise Refused("term_start_after_seats", "本届已有代表的任职起始日期早于新的起始日期，请核对")
    if end_date is not None and seats.filter(start_date__gt=end_date).exists():
        raise Refused("term_end_before_seats", "本届已有代表的任职起始日期晚于新的届满日期，请核对")
    before = {"number": term.number, "start": str(term.start_date), "end": str(term.end_date or "")}
    term.number, term.start_date, term.end_date = number, start_date, end_date
    term.save(update_fields=["number", "start_date", "end_date"])
    audit.record(
        "deputies.term.update",
        term,
        by=by,
        before=before,
        after={"number": number, "start": str(start_date), "end": str(end_date or "")},
    )
    return term


def _model(kind: str) -> tuple[type, str]:
    if kind not in ORG_KINDS:
        raise Refused("setup_kind_unknown", "未知的组织类别")
    return ORG_KINDS[kind]


def _check_name(name: str, label: str) -> str:
    name = _clean_name(name)
    if not name:
        raise Refused("setup_name_missing", f"请填写{label}名称")
    if len(name) > NAME_MAX:
        raise Refused("setup_name_too_long", f"{label}名称“{name[:20]}…”超过 {NAME_MAX} 个字")
    return name


@transaction.atomic
def add_org(kind: str, body: Body, *, name: str, by, **extra):
    """Add one delegation / constituency / group / professional group. Refuses a name the congress already
    uses for that kind, and (constituency) a township outside the congress, (group) a foreign delegation."""
    model, label = _model(kind)
    _require_congress(body, by)
    name = _check_name(name, label)
    if model.objects.filter(body=body, name=name).exists():
        raise Refused("setup_name_taken", f"{body}已有{label}“{name}”")
    _check_extra(model, body, extra)
    obj = model.objects.create(body=body, name=name, **extra)
    audit.record(
        f"deputies.{model._meta.model_name}.create",
        obj,
        by=by,
        after={"body": body.pk, "name": name, **{k: str(v) for k, v in extra.items()}},
    )
    return obj


def _check_extra(model, body: Body, extra: dict) -> None:
    township = extra.get("township")
    if township is not None and not township.is_within(body):
        raise Refused("setup_township_foreign", f"{township}不在{body}的行政区域内")
    delegation = extra.get("delegation")
    if delegation is not None and delegation.body_id != body.pk:
        raise Refused("setup_delegation_foreign", f"代表团“{delegation}”不属于{body}")
    seats = extra.get("seats")
    if seats is not None and not 1 <= seats <= 999:
        raise Refused("setup_seats_invalid", "应选代表名额应为 1 至 999")


@dataclass
class BulkResult:
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)


@transaction.atomic
def add_orgs_bulk(kind: str, body: Body, *, text: str, by) -> BulkResult:
    """Paste a list, one name a line: adds the names the congress does not have yet, so pasting the same list
    twice adds nothing. Blank lines are skipped; names repeated in the list are added once and reported.
    Refuses the whole list (nothing added) if any line is too long, naming the line."""
    model, label = _model(kind)
    _require_congress(body, by)
    names: list[str] = []
    result = BulkResult()
    errors = []
    for lineno, raw in enumerate((text or "").splitlines(), start=1):
        name = _clean_name(raw)
        if not name:
            continue
        if len(name) > NAME_MAX:
            errors.append(f"第 {lineno} 行“{name[:20]}…”超过 {NAME_MAX} 个字")
        elif name in names:
            result.repeated.append(name)
        else:
            names.append(name)
    if errors:
        raise Refused("setup_bulk_invalid", "；".join(errors) + "。未添加任何名称，请修改后重新粘贴")
    if not names:
        raise Refused("setup_bulk_empty", f"请粘贴{label}名称，每行一个")
    have = set(model.objects.filter(body=body, name__in=names).values_list("name", flat=True))
    result.existing = [n for n in names if n in have]
    result.created = [n for n in names if n not in have]
    model.objects.bulk_create(model(body=body, name=n) for n in result.created)
    audit.record(
        f"deputies.{model._meta.model_name}.bulk_create",
        by=by,
        object_type=model._meta.label_lower,
        object_id=str(body.pk),
        object_repr=f"{body} {label}",
        after={"created": len(result.created), "existing": len(result.existing)},
    )
    return result


@transaction.atomic
def rename_org(obj, *, name: str, by, **extra):
    """Rename (and for a constituency: township, places, seats; a group: its delegation). Refuses a name
    already used by another of the same kind in the congress."""
    model = type(obj)
    label = next(lbl for m, lbl in ORG_KINDS.values() if m is model)
    obj = model.objects.select_for_update().get(pk=obj.pk)
    _require_congress(obj.body, by)
    name = _check_name(name, label)
    if model.objects.filter(body=obj.body, name=name).exclude(pk=obj.pk).exists():
        raise Refused("setup_name_taken", f"{obj.body}已有{label}“{name}”")
    _check_extra(model, obj.body, extra)
    before = {"name": obj.name, **{k: str(getattr(obj, k)) for k in extra}}
    obj.name = name
    for k, v in extra.items():
        setattr(obj, k, v)
    obj.save(update_fields=["name", *extra])
    audit.record(
        f"deputies.{model._meta.model_name}.update",
        obj,
        by=by,
        before=before,
        after={"name": name, **{k: str(v) for k, v in extra.items()}},
    )
    return obj


@transaction.atomic
def remove_org(obj, *, by) -> None:
    """Remove a delegation / constituency / group / professional group entered by mistake. Refuses one that
    any seat (current or past) refers to: a seat's history is never lost."""
    model = type(obj)
    label = next(lbl for m, lbl in ORG_KINDS.values() if m is model)
    obj = model.objects.select_for_update().get(pk=obj.pk)
    _require_congress(obj.body, by)
    seats = obj.mandates.count()
    if seats:
        raise Refused("setup_has_seats", f"{label}“{obj.name}”已有 {seats} 个代表席位，不能删除（可改名）")
    audit.record(f"deputies.{model._meta.model_name}.delete", obj, by=by, before={"name": obj.name})
    obj.delete()


@transaction.atomic
def remove_term(term: Term, *, by) -> None:
    """Remove a term entered by mistake; refuses one with seats."""
    term = Term.objects.select_for_update().get(pk=term.pk)
    _require_congress(term.body, by)
    seats = term.mandates.count()
    if seats:
        raise Refused("term_has_seats", f"{term}已有 {seats} 个代表席位，不能删除（可修改日期）")
    audit.record("deputies.term.delete", term, by=by, before={"number": term.number})
    term.delete()


# Kinds that can be closed: a delegation or deputy group is dissolved (townships merged, groups re-drawn)
# while the seats it held keep naming it.
CLOSABLE = ("delegations", "groups")


@transaction.atomic
def set_org_closed(obj, *, closed: bool, by):
    """停用 / 重新启用 a delegation or deputy group. A closed one is offered for no new seat (forms, import)
    but stays on the seats and in the history that name it. Refuses other kinds and a no-op."""
    model = type(obj)
    kind = next((k for k, (m, _l) in ORG_KINDS.items() if m is model), "")
    if kind not in CLOSABLE:
        raise Refused("setup_not_closable", "只有代表团和代表小组可以停用")
    label = ORG_KINDS[kind][1]
    obj = model.objects.select_for_update().get(pk=obj.pk)
    _require_congress(obj.body, by)
    if obj.closed == closed:
        raise Refused(
            "setup_already_closed" if closed else "setup_not_closed",
            f"{label}“{obj.name}”{'已停用' if closed else '未停用'}",
        )
    obj.closed = closed
    obj.save(update_fields=["closed"])
    audit.record(
        f"deputies.{model._meta.model_name}.{'close' if closed else 'reopen'}",
        obj,
        by=by,
        before={"closed": not closed},
        after={"closed": closed},
    )
    return obj
