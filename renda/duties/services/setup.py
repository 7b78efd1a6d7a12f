"""Per-body defaults: duty types, policy and the yearly rule set, copied from defaults.py on first use."""

from django.db import IntegrityError, transaction

from renda.core import policy as resolver
from renda.core.models import Body

from .. import defaults
from ..models import Band, DutyPolicy, DutyType, Requirement, RuleSet, TypePoints


def ensure_types(body: Body) -> None:
    """Give `body` the default duty types it lacks (a body edits its own list afterwards)."""
    have = set(DutyType.objects.filter(body=body).values_list("code", flat=True))
    missing = [
        DutyType(
            body=body,
            code=code,
            name=name,
            category=cat,
            default_points=pts,
            default_cap=cap,
            is_session=session,
            declarable=declarable,
            order=i,
        )
        for i, (code, name, cat, pts, cap, session, declarable) in enumerate(defaults.TYPES)
        if code not in have
    ]
    if missing:
        DutyType.objects.bulk_create(missing, ignore_conflicts=True)


def policy_for(body: Body) -> DutyPolicy:
    """The body's own rules, else its nearest ancestor's, else the defaults (never saved by reading)."""
    return resolver.resolve(DutyPolicy, body)


def duty_type(body: Body, code: str) -> DutyType:
    found = DutyType.objects.filter(body=body, code=code).first()
    if found is None:
        ensure_types(body)
        found = DutyType.objects.get(body=body, code=code)
    return found


def rulesets_for(bodies, year: int) -> None:
    """Make sure every body has its rule set for `year`: one query when they all exist (a province's ranking
    page covers some 1,600 congresses; asking each one cost a query apiece)."""
    have = set(RuleSet.objects.filter(body__in=bodies, year=year).values_list("body_id", flat=True))
    for body in bodies:
        if body.pk not in have:
            ruleset_for(body, year)


def ruleset_for(body: Body, year: int) -> RuleSet:
    """The rule set of `body` for `year`; a new year copies last year's set, or the defaults."""
    rs = RuleSet.objects.filter(body=body, year=year).first()
    if rs is not None:
        return rs
    ensure_types(body)
    previous = RuleSet.objects.filter(body=body, year__lt=year).order_by("-year").first()
    try:
        with transaction.atomic():
            if previous is not None:
                rs = RuleSet.objects.create(
                    body=body,
                    year=year,
                    base_score=previous.base_score,
                    leave_points=previous.leave_points,
                    absence_points=previous.absence_points,
                    cycle=previous.cycle,
                    publish_to_portal=previous.publish_to_portal,
                )
                TypePoints.objects.bulk_create(
                    TypePoints(ruleset=rs, duty_type_id=t.duty_type_id, points=t.points, cap=t.cap)
                    for t in previous.type_points.all()
                )
                Band.objects.bulk_create(
                    Band(ruleset=rs, label=b.label, min_score=b.min_score, max_score=b.max_score, poor=b.poor)
                    for b in previous.bands.all()
                )
                Requirement.objects.bulk_create(
                    Requirement(ruleset=rs, label=r.label, type_codes=r.type_codes, min_count=r.min_count)
                    for r in previous.requirements.all()
                )
            else:
                rs = RuleSet.objects.create(body=body, year=year)
                TypePoints.objects.bulk_create(
                    TypePoints(ruleset=rs, duty_type=t, points=t.default_points, cap=t.default_cap)
                    for t in DutyType.objects.filter(body=body)
                )
                Band.objects.bulk_create(
                    Band(ruleset=rs, label=label, min_score=lo, max_score=hi, poor=poor)
                    for label, lo, hi, poor in defaults.BANDS
                )
                Requirement.objects.bulk_create(
                    Requirement(ruleset=rs, label=label, type_codes=codes, min_count=n)
                    for label, codes, n in defaults.REQUIREMENTS
                )
    except IntegrityError:
        rs = RuleSet.objects.get(body=body, year=year)
    return rs


def save_duty_type(
    body: Body,
    *,
    code: str,
    name: str,
    category: str,
    is_session: bool = False,
    declarable: bool = True,
    active: bool = True,
    default_points=None,
    default_cap=None,
    by,
) -> DutyType:
    """A body edits its own list of duty types (adds one, renames, retires). Points live in the rule set."""
    from renda.core import audit
    from renda.core.errors import Refused

    from .. import permissions
    from ..choices import Category

    permissions.require_manage(by, body, action="编辑履职类型")
    if category not in Category.values:
        raise Refused("bad_category", "档案栏目不正确")
    with transaction.atomic():
        dtype, created = DutyType.objects.get_or_create(
            body=body,
            code=code,
            defaults={
                "name": name,
                "category": category,
                "is_session": is_session,
                "declarable": declarable,
                "active": active,
                "default_points": default_points or 0,
                "default_cap": default_cap,
                "order": 100,
            },
        )
        if not created:
            before = audit.snapshot(dtype, ["name", "category", "declarable", "active"])
            dtype.name, dtype.category, dtype.is_session = name, category, is_session
            dtype.declarable, dtype.active = declarable, active
            dtype.save(update_fields=["name", "category", "is_session", "declarable", "active"])
        else:
            before = {}
            for rs in RuleSet.objects.filter(body=body):
                TypePoints.objects.get_or_create(
                    ruleset=rs, duty_type=dtype, defaults={"points": dtype.default_points, "cap": default_cap}
                )
        audit.record(
            "duty.save_type",
            dtype,
            by=by,
            before=before,
            after={"code": code, "name": name, "active": active},
        )
    return dtype
