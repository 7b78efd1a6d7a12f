"""人大联络员 (seeds 004: 发挥代表联络员作用): appointed per township or unit, for a term; their reports."""

from datetime import date

from django.db import transaction

from renda.core import audit
from renda.core.errors import Refused

from .. import permissions
from ..models import LiaisonOfficer, OfficerReport
from .common import require_text


@transaction.atomic
def appoint(
    *,
    body,
    name: str,
    start_date: date,
    end_date: date,
    township=None,
    unit=None,
    position: str = "",
    phone: str = "",
    user=None,
    by,
) -> LiaisonOfficer:
    """Refuses a post that is neither or both a township and a unit, a township outside the body, and a term
    that ends before it starts or overlaps a serving officer of the same post."""
    permissions.require_manage(by, body, action="聘任人大联络员")
    name = require_text(name, "name_required", "请填写联络员姓名")
    if (township is None) == (unit is None):
        raise Refused("post_required", "请选择联络员联系的乡镇（街道）或单位，二者选一")
    if township is not None and not township.is_within(permissions.congress_of(body)):
        raise Refused("township_other_body", f"{township} 不在{body}辖区内")
    if unit is not None and not unit.body.is_within(permissions.congress_of(body)):
        raise Refused("unit_other_body", f"{unit} 不是本级人大联系的单位")
    if end_date <= start_date:
        raise Refused("term_end_before_start", "聘期届满日期应晚于起始日期")
    overlap = LiaisonOfficer.objects.filter(
        body=body, township=township, unit=unit, start_date__lt=end_date, end_date__gt=start_date
    ).first()
    if overlap is not None:
        raise Refused(
            "post_taken",
            f"该岗位在此期间已有联络员 {overlap.name}（{overlap.start_date}至{overlap.end_date}）",
        )
    row = LiaisonOfficer.objects.create(
        body=body,
        name=name,
        township=township,
        unit=unit,
        position=position.strip(),
        phone=phone.strip(),
        user=user,
        start_date=start_date,
        end_date=end_date,
    )
    audit.record(
        "liaison.officer_appoint", row, by=by, after={"start": str(start_date), "end": str(end_date)}
    )
    return row


def can_report(user, officer: LiaisonOfficer) -> bool:
    return (
        officer.user_id is not None and officer.user_id == getattr(user, "pk", None)
    ) or permissions.can_manage(user, officer.body)


@transaction.atomic
def add_report(
    officer: LiaisonOfficer, *, kind: str, on: date, title: str, content: str, by
) -> OfficerReport:
    """A report or an activity of the officer, dated within the term."""
    if not can_report(by, officer):
        from renda.core.errors import NotPermitted

        raise NotPermitted("not_your_officer", "只能由联络员本人或人大机关工作人员登记")
    if not officer.serving_on(on):
        raise Refused(
            "date_outside_term",
            f"{on:%Y-%m-%d} 不在该联络员聘期内（{officer.start_date}至{officer.end_date}）",
        )
    title = require_text(title, "title_required", "请填写标题")
    content = require_text(content, "content_required", "请填写内容")
    row = OfficerReport.objects.create(
        officer=officer, kind=kind, on=on, title=title, content=content, created_by=by
    )
    audit.record("liaison.officer_report", row, by=by, after={"kind": kind, "on": str(on)})
    return row
