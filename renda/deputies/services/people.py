"""Writes to a person's record and to the plain fields of a mandate."""

from django.db import transaction

from renda.core import audit
from renda.core.errors import NotPermitted, Refused
from renda.core.permissions import require_role

from ..models import Mandate, Person
from ..permissions import MANAGERS, can_manage, require_manage
from ..validation import id_card_problem
from .changes import refuse_closed_orgs

# Fields whose values may go into the audit log (ID and phone never do: only "changed").
_PUBLIC_FIELDS = (
    "name",
    "gender",
    "ethnicity",
    "birth_date",
    "birth_precision",
    "party",
    "education",
    "occupation",
    "occupation_category",
    "work_unit",
)
_PRIVATE_FIELDS = ("id_number", "phone")


@transaction.atomic
def save_person(person: Person, *, by, **values) -> Person:
    """Create (person.pk is None) or update a person. Refuses an invalid ID number and an ID number that
    belongs to another person (one natural person exists once)."""
    if by is not None:
        require_role(by, MANAGERS, action="编辑代表信息")
    if person.pk:
        person = Person.objects.select_for_update().get(pk=person.pk)
        # Staff of any congress the person sits in may correct the record they share.
        if by is not None and not any(can_manage(by, m.body) for m in person.mandates.select_related("body")):
            raise NotPermitted("deputies_not_permitted", "无权编辑该代表的信息")
    before = {f: str(getattr(person, f) or "") for f in _PUBLIC_FIELDS}
    old_private = {f: getattr(person, f) for f in _PRIVATE_FIELDS}
    for field, value in values.items():
        setattr(person, field, value)
    person.name = "".join((person.name or "").split())
    if not person.name:
        raise Refused("person_name_missing", "请填写姓名")
    if person.id_number:
        person.id_number = person.id_number.strip().upper()
        problem = id_card_problem(person.id_number)
        if problem:
            raise Refused("id_number_invalid", problem)
    person.fill_derived()
    if person.id_hash and Person.objects.filter(id_hash=person.id_hash).exclude(pk=person.pk).exists():
        raise Refused("id_number_taken", "该身份证号已属于另一位代表，请在原记录上增加代表资格")
    created = person.pk is None
    person.save()
    after = {f: str(getattr(person, f) or "") for f in _PUBLIC_FIELDS}
    changed_private = [f for f in _PRIVATE_FIELDS if getattr(person, f) != old_private[f]]
    audit.record(
        "deputies.person.create" if created else "deputies.person.update",
        person,
        by=by,
        before=None if created else {k: v for k, v in before.items() if after[k] != v},
        after={
            **{k: v for k, v in after.items() if created or before[k] != v},
            **({"changed": changed_private} if changed_private else {}),
        },
    )
    return person


@transaction.atomic
def update_mandate(mandate: Mandate, *, by, professional_groups=None, stations=None, **values) -> Mandate:
    """Edit the plain fields of a mandate (group, delegation, card number, re-election flag). Status,
    dates and constituency change only through a recorded change (services.changes)."""
    mandate = Mandate.objects.select_for_update().select_related("body").get(pk=mandate.pk)
    if by is not None:
        require_manage(by, mandate.body, action="编辑代表资格")
    allowed = {"delegation", "group", "card_number", "re_elected", "electing_body"}
    unknown = set(values) - allowed
    if unknown:
        raise Refused("mandate_field_locked", "状态、任职日期和选区须通过“代表资格变动”登记")
    for obj in [values.get("delegation"), values.get("group")]:
        if obj is not None and obj.body_id != mandate.body_id:
            raise Refused("group_foreign", "代表团或代表小组不属于该人民代表大会")
    # A closed delegation or group may stay on the seat that has it, but no seat moves into it.
    d, g = values.get("delegation"), values.get("group")
    refuse_closed_orgs(
        delegation=d if d is not None and d.pk != mandate.delegation_id else None,
        group=g if g is not None and g.pk != mandate.group_id else None,
    )
    before = {k: str(getattr(mandate, k) or "") for k in values}
    for k, v in values.items():
        setattr(mandate, k, v)
    if (
        mandate.card_number
        and Mandate.objects.filter(body=mandate.body, term=mandate.term, card_number=mandate.card_number)
        .exclude(pk=mandate.pk)
        .exists()
    ):
        raise Refused("card_number_taken", f"代表证号 {mandate.card_number} 已被使用")
    mandate.save(update_fields=[*values.keys(), "updated_at"])
    if professional_groups is not None:
        if any(g.body_id != mandate.body_id for g in professional_groups):
            raise Refused("group_foreign", "专业小组不属于该人民代表大会")
        mandate.professional_groups.set(professional_groups)
    if stations is not None:
        from .stations import set_mandate_stations

        set_mandate_stations(mandate, stations=stations, by=by)
    audit.record(
        "deputies.mandate.update",
        mandate,
        by=by,
        before=before,
        after={k: str(getattr(mandate, k) or "") for k in values},
    )
    return mandate


@transaction.atomic
def register_deputy(*, person: dict, term, on, by, kind: str, **seat) -> Person:
    """登记新代表: a new person together with their first seat (当选 or 补选), in one transaction, so a
    refused seat leaves no person without one. `person` holds the record's fields, `seat` what `elect`
    takes. Refuses what `save_person` and `elect` refuse, and a user who may not manage the congress."""
    from .changes import elect

    if by is not None:
        require_manage(by, term.body, action="新增代表")
    new = save_person(Person(), by=by, **person)
    elect(new, term=term, on=on, by=by, kind=kind, **seat)
    return new
