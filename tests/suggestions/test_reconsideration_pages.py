"""The motion's page carries the reconsideration (domain.md §1.4): the lead deputy asks with reasons, co-signers
join, staff record the presidium's decision; refusals come back as a message and change nothing. The reply
form on the same page checks the letter by its content (§1.3 step 7)."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from renda.core import policy as resolver
from renda.core.models import AuditEntry
from renda.suggestions import services
from renda.suggestions.forms import PolicyForm
from renda.suggestions.models import Kind, MotionDecision, Policy, Reconsideration, Reply, State
from tests.suggestions.conftest import signed_motion


@pytest.fixture
def motion(mandate, deputy_user, staff, county, term):
    """A motion of 4 sponsors handled as a suggestion (转作建议); the county lowered both thresholds to 3."""
    p = resolver.own_row(Policy, county)
    p.motion_threshold = p.reconsider_min_sponsors = 3
    p.presidium_last_meeting_at = timezone.now() + timedelta(days=1)
    p.save()
    item, users = signed_motion(mandate, deputy_user, county, term, sponsors=3, prefix="sp")
    services.review_motion(
        item, decision=MotionDecision.AS_SUGGESTION, reasons="作为建议办理更合适", by=staff
    )
    return item, users


def _url(item, action=""):
    return f"/work/suggestions/{item.pk}/" + (f"act/{action}/" if action else "")


def test_lead_asks_cosigners_join_and_staff_file_on_the_page(login, motion, deputy_user, staff):
    # domain.md §1.4
    item, users = motion
    page = login(deputy_user).get(_url(item)).content.decode()
    assert "议案复议" in page and "申请复议的理由" in page and "截止时间" in page
    r = login(deputy_user).post(_url(item, "request_reconsideration"), {"reasons": "涉及全县水源规划"})
    assert r.status_code == 302 and Reconsideration.objects.filter(suggestion=item).exists()
    cosigner = login(users[0])
    assert "联名支持复议" in cosigner.get(_url(item)).content.decode()
    cosigner.post(_url(item, "support_reconsideration"))
    login(users[1]).post(_url(item, "support_reconsideration"))
    page = login(staff).get(_url(item)).content.decode()
    assert "记录复议决定" in page and "联名支持 <strong>3</strong> 人 / 需要 3 人" in page
    r = login(staff).post(
        _url(item, "decide_reconsideration"), {"outcome": "file", "reasons": "主席团决定立案"}, follow=True
    )
    item.refresh_from_db()
    assert item.kind == Kind.MOTION and item.motion_decision == MotionDecision.FILED
    assert "复议决定已记录" in r.content.decode() and "复议后立案" in r.content.decode()


def test_refusal_on_the_page_says_how_many_and_changes_nothing(login, motion, deputy_user, staff):
    # domain.md §1.4: a majority of the sponsors — 3 of 4 — must join before the presidium decides
    item, _ = motion
    login(deputy_user).post(_url(item, "request_reconsideration"), {"reasons": "理由"})
    count = item.timeline.count()
    r = login(staff).post(
        _url(item, "decide_reconsideration"), {"outcome": "file", "reasons": "立案"}, follow=True
    )
    body = r.content.decode()
    assert "需要3人，现有1人支持" in body
    item.refresh_from_db()
    assert item.kind == Kind.SUGGESTION and item.timeline.count() == count and item.state == State.ACCEPTED
    assert AuditEntry.objects.filter(
        action="refused:suggestion.decide_reconsideration", object_id="reconsideration_too_few_sponsors"
    ).exists()


def test_decision_form_without_outcome_names_the_field(login, motion, deputy_user, staff):
    item, _ = motion
    login(deputy_user).post(_url(item, "request_reconsideration"), {"reasons": "理由"})
    r = login(staff).post(_url(item, "decide_reconsideration"), {"reasons": "立案"}, follow=True)
    assert "主席团复议决定" in r.content.decode() and "输入有误" in r.content.decode()


def test_no_panel_once_the_cutoff_has_passed_without_a_request(login, motion, deputy_user, county):
    item, _ = motion
    Policy.objects.update_or_create(
        body=county, defaults={"presidium_last_meeting_at": timezone.now() + timedelta(hours=1)}
    )
    assert "申请复议的理由" not in login(deputy_user).get(_url(item)).content.decode()
    r = login(deputy_user).post(_url(item, "request_reconsideration"), {"reasons": "理由"}, follow=True)
    assert "截止时间" in r.content.decode() and "已过" in r.content.decode()
    assert not Reconsideration.objects.exists()


def test_staff_record_the_last_presidium_meeting_on_the_policy_page(login, staff, county):
    # domain.md §1.4: the cut-off counts back from the presidium's last meeting, recorded per session
    p = resolver.own_row(Policy, county)
    data = {k: v for k, v in PolicyForm(instance=p).initial.items() if v is not None}
    data.update({"presidium_last_meeting_at": "2026-03-10T15:30", "reconsider_hours_before": "6"})
    r = login(staff).post(f"/work/suggestions/policy/?body={county.pk}", data)
    assert r.status_code == 302
    p = Policy.objects.get(body=county)
    local = timezone.localtime(p.presidium_last_meeting_at)
    assert (local.month, local.day, local.hour, local.minute, p.reconsider_hours_before) == (3, 10, 15, 30, 6)
    assert (
        "本次大会主席团最后一次会议时间"
        in login(staff).get(f"/work/suggestions/policy/?body={county.pk}").content.decode()
    )


@pytest.mark.parametrize(
    "name,content,code_text",
    [
        ("答复函.pdf", b"just text, not a PDF", "按文件内容检查"),
        ("答复函.png", b"%PDF-1.4 a pdf named png", "扩展名须与内容一致"),
    ],
)
def test_page_reply_document_is_checked_by_content(login, handling, unit_user, name, content, code_text):
    # §1.3 step 7: the reply is an official letter; a renamed or fake file is refused, nothing is saved
    r = login(unit_user).post(
        _url(handling, "draft_reply"),
        {"reply_class": "A", "content": "已列入计划", "document": SimpleUploadedFile(name, content)},
        follow=True,
    )
    assert code_text in r.content.decode() and not Reply.objects.exists()


def test_page_reply_without_class_is_refused(login, handling, unit_user):
    from tests.factories.suggestions import reply_pdf

    r = login(unit_user).post(
        _url(handling, "draft_reply"), {"content": "答复", "document": reply_pdf()}, follow=True
    )
    assert "请选择答复类别" in r.content.decode() and not Reply.objects.exists()
    r = login(unit_user).post(
        _url(handling, "draft_reply"),
        {"reply_class": "B", "content": "答复", "document": reply_pdf()},
        follow=True,
    )
    assert "答复稿已报负责人审核" in r.content.decode() and Reply.objects.count() == 1
