"""Replies and reconsideration over the API: the same form, the same services and the same data scope as the
pages (domain.md §1.3 step 7: a reply is an official letter with its class, approved by the unit head;
§1.4: reconsideration of a motion decision)."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from renda.core import policy as resolver
from renda.core.errors import Refused
from renda.core.roles import Role
from renda.suggestions import services
from renda.suggestions.models import Kind, MotionDecision, Policy, Reply, ReplyStatus, State
from renda.suggestions.services.replies import MAX_DOC_BYTES
from tests.factories.core import UnitFactory, UnitUserFactory
from tests.factories.suggestions import reply_pdf
from tests.suggestions.conftest import give_cohandler_opinions, signed_motion


def _url(item, tail="replies"):
    return f"/api/v1/suggestions/{item.pk}/{tail}"


def _item_url(item):
    return f"/api/v1/suggestions/{item.pk}"


def _form(**over):
    data = {
        "reply_class": "A",
        "content": "经研究，已列入今年民生实事项目。",
        "document_number": "青住建函〔2026〕12号",
        "document": reply_pdf(),
    }
    data.update(over)
    return {k: v for k, v in data.items() if v is not None}


def _docx() -> SimpleUploadedFile:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile("答复函.docx", buf.getvalue())


def test_unit_submits_reply_with_its_letter_and_the_head_approves(login, handling, unit_user, unit_head):
    # §1.3 step 7: drafted with class and letter, signed by the unit head, then the deputy rates it
    r = login(unit_user).post(_url(handling), _form())
    assert r.status_code == 200, r.content
    body = r.json()
    draft = next(x for x in body["replies"] if x["status"] == ReplyStatus.DRAFT)
    assert draft["reply_class"] == "A" and body["state"] == State.HANDLING
    reply = Reply.objects.get(pk=draft["id"])
    assert reply.document.read().startswith(b"%PDF-") and reply.document_number == "青住建函〔2026〕12号"
    give_cohandler_opinions(handling)  # §1.3 step 4: the lead's reply waits for the co-handler's opinion
    r = login(unit_head).post(
        _url(handling, "transitions/approve_reply"),
        {"reply_id": draft["id"]},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["state"] == State.REPLIED
    assert handling.timeline.filter(action="draft_reply").exists()


def test_word_document_is_accepted_by_its_content(login, handling, unit_user):
    assert login(unit_user).post(_url(handling), _form(document=_docx(), reply_class="C")).status_code == 200


def test_head_can_return_the_draft_by_api(login, handling, unit_user, unit_head):
    draft_id = login(unit_user).post(_url(handling), _form()).json()["replies"][0]["id"]
    r = login(unit_head).post(
        _url(handling, "transitions/return_reply"),
        {"reply_id": draft_id, "note": "请补充"},
        content_type="application/json",
    )
    assert r.status_code == 200 and Reply.objects.get(pk=draft_id).status == ReplyStatus.REJECTED


@pytest.mark.parametrize(
    "over",
    [
        {"reply_class": None},
        {"reply_class": "E"},
        {"reply_class": ""},
        {"content": None},
        {"content": "   "},
        {"content": "答复\x00"},
        {"document_number": "号\x00"},
        {"document_number": "x" * 61},
        {"cohandler_views": "x" * 5001},
        {"document": None},
        {"document": SimpleUploadedFile("答复函.pdf", b"")},
    ],
)
def test_bad_input_is_422_and_saves_nothing(login, handling, unit_user, over):
    # §1.3 step 7: a reply without class or document is refused; every field is bounded, NUL refused
    r = login(unit_user).post(_url(handling), _form(**over))
    assert r.status_code == 422, r.content
    assert "detail" in r.json() and not Reply.objects.exists()


@pytest.mark.parametrize(
    "name,content",
    [
        ("答复函.pdf", b"MZ\x90\x00 an executable"),
        ("答复函.png", b"%PDF-1.4 a pdf named png"),
        ("答复函.docx", b"PK\x03\x04 not really a zip"),
        ("答复函.exe", b"%PDF-1.4 right content, wrong name"),
    ],
)
def test_document_is_checked_by_content_409(login, handling, unit_user, name, content):
    r = login(unit_user).post(_url(handling), _form(document=SimpleUploadedFile(name, content)))
    assert r.status_code == 409 and r.json()["code"] == "document_type"
    assert not Reply.objects.exists()


def test_oversized_document_is_refused_by_the_service(handling, unit_user):
    big = reply_pdf()
    big.size = MAX_DOC_BYTES + 1
    with pytest.raises(Refused) as exc:
        services.draft_reply(handling, reply_class="A", content="答复", document=big, by=unit_user)
    assert exc.value.code == "document_type" and not Reply.objects.exists()


def test_second_draft_is_409(login, handling, unit_user):
    c = login(unit_user)
    assert c.post(_url(handling), _form()).status_code == 200
    r = c.post(_url(handling), _form())
    assert r.status_code == 409 and r.json()["code"] == "reply_draft_exists" and Reply.objects.count() == 1


def test_who_may_reply_and_who_sees_the_item(login, handling, deputy_user, other_unit_user, outsider, county):
    # The data scope: a unit sees only items assigned to it; deputies and co-handlers do not reply.
    r = login(deputy_user).post(_url(handling), _form())
    assert r.status_code == 403 and r.json()["code"] == "role_not_allowed"
    r = login(other_unit_user).post(_url(handling), _form())
    assert r.status_code == 409 and r.json()["code"] == "not_replying_unit"
    assert login(outsider).post(_url(handling), _form()).status_code == 404
    stranger = UnitUserFactory(username="stranger", role=Role.UNIT_HANDLER, unit=UnitFactory(body=county))
    assert login(stranger).post(_url(handling), _form()).status_code == 404
    assert Client().post(_url(handling), _form()).status_code == 401
    assert not Reply.objects.exists()


def test_drafts_show_only_to_their_unit_and_staff(
    login, handling, unit_user, other_unit_user, deputy_user, staff
):
    login(unit_user).post(_url(handling), _form())
    seen = {
        u.username: len(login(u).get(_item_url(handling)).json()["replies"])
        for u in (unit_user, other_unit_user, deputy_user, staff)
    }
    assert seen == {"handler": 1, "other_handler": 0, "deputy": 0, "staff": 1}


def test_transition_draft_reply_points_to_the_upload(login, handling, unit_user):
    r = login(unit_user).post(_url(handling, "transitions/draft_reply"), {}, content_type="application/json")
    assert (
        r.status_code == 409 and r.json()["code"] == "use_reply_upload" and "/replies" in r.json()["message"]
    )


def test_openapi_documents_the_upload_and_its_422(client):
    spec = client.get("/api/v1/openapi.json").json()
    op = spec["paths"]["/api/v1/suggestions/{pk}/replies"]["post"]
    schema = op["requestBody"]["content"]["multipart/form-data"]["schema"]
    props = schema["properties"]
    assert set(schema["required"]) == {"reply_class", "content", "document"}
    assert props["reply_class"]["enum"] == ["A", "B", "C", "D"] and props["document"]["format"] == "binary"
    assert all(props[k]["maxLength"] for k in ("content", "document_number", "cohandler_views"))
    assert {"400", "401", "403", "404", "409", "422"} <= set(op["responses"])


@pytest.fixture
def motion(mandate, deputy_user, staff, county, term):
    p = resolver.own_row(Policy, county)
    p.motion_threshold = p.reconsider_min_sponsors = 3
    p.presidium_last_meeting_at = timezone.now() + timedelta(days=1)
    p.save()
    item, users = signed_motion(mandate, deputy_user, county, term, sponsors=3, prefix="api")
    services.review_motion(item, decision=MotionDecision.REJECTED, reasons="不予立案", by=staff)
    return item, users


def test_reconsideration_by_api(login, motion, deputy_user, staff, outsider):
    # domain.md §1.4: the same three steps as the page, with the same refusals
    item, users = motion
    post = lambda who, action, data=None: login(who).post(  # noqa: E731
        _url(item, f"transitions/{action}"), data or {}, content_type="application/json"
    )
    assert "request_reconsideration" in login(deputy_user).get(_item_url(item)).json()["allowed"]
    r = post(deputy_user, "request_reconsideration", {"reason": "属于本级人大职权"})
    assert r.status_code == 200 and r.json()["timeline"][-1]["action"] == "request_reconsideration"
    r = post(staff, "decide_reconsideration", {"decision": "file", "reason": "立案"})
    assert r.status_code == 409 and r.json()["code"] == "reconsideration_too_few_sponsors"
    assert "需要3人，现有1人支持" in r.json()["message"]
    assert post(users[0], "support_reconsideration").status_code == 200
    assert post(users[1], "support_reconsideration").status_code == 200
    assert post(outsider, "decide_reconsideration", {"decision": "file", "reason": "立案"}).status_code == 404
    r = post(deputy_user, "decide_reconsideration", {"decision": "file", "reason": "立案"})
    assert r.status_code == 403 and r.json()["code"] == "role_not_allowed"
    r = post(staff, "decide_reconsideration", {"decision": "file", "reason": "主席团复议决定立案"})
    assert r.status_code == 200 and r.json()["state"] == State.ACCEPTED and r.json()["kind"] == Kind.MOTION


def test_reconsideration_of_a_suggestion_by_api_is_refused(login, accepted, deputy_user, county):
    Policy.objects.update_or_create(body=county, defaults={"presidium_last_meeting_at": timezone.now()})
    r = login(deputy_user).post(
        _url(accepted, "transitions/request_reconsideration"),
        {"reason": "理由"},
        content_type="application/json",
    )
    assert r.status_code == 409 and r.json()["code"] == "not_a_motion"
