"""Steps 7–8: the reply — drafted by the handler with its class and document, approved by the unit head."""

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from renda.core import deadlines, files
from renda.core.errors import NotPermitted, Refused
from renda.notify import services as notify

from .. import permissions, workflow
from ..models import Assignment, AssignmentStatus, Reply, ReplyClass, ReplyStatus, State, Suggestion, UnitRole
from .common import lock, log, move, policy, require_text, today
from .notices import deputy_users, item_url, send_all, unit_users

MAX_DOC_BYTES = 20 * 1024 * 1024
# The extensions each kind of content may carry: a reply letter is a signed, stamped scan or the document itself.
DOC_KINDS = {
    "pdf": (".pdf",),
    "ofd": (".ofd",),
    "docx": (".docx",),
    "doc": (".doc",),
    "jpeg": (".jpg", ".jpeg"),
    "png": (".png",),
}
ALLOWED_DOCS = tuple(ext for exts in DOC_KINDS.values() for ext in exts)
DOC_REFUSAL = (
    "答复函须为 PDF、OFD、Word 或 JPEG/PNG 图片（按文件内容检查，扩展名须与内容一致），且不超过 20MB"
)


def check_document(upload: UploadedFile | None) -> None:
    """§1.3 step 7: a reply is an official letter; refuse a missing, oversized or disguised file."""
    if upload is None:
        raise Refused("document_required", "请上传经负责人签署的答复函")
    if not upload.size or upload.size > MAX_DOC_BYTES:
        raise Refused("document_type", DOC_REFUSAL)
    kind = files.kind_of(upload)
    if kind is None or not (upload.name or "").lower().endswith(DOC_KINDS[kind]):
        raise Refused("document_type", DOC_REFUSAL)


def replying(item: Suggestion, round_: int | None = None) -> list[Assignment]:
    """The units that owe a reply in this round: lead or separate units; in round 2 only those rated 不满意."""
    round_ = round_ or item.round
    qs = list(
        item.assignments.exclude(status=AssignmentStatus.RETURNED).filter(
            role__in=[UnitRole.LEAD, UnitRole.SEPARATE]
        )
    )
    if round_ == 1:
        return qs
    unhappy = set(
        item.evaluations.filter(round=round_ - 1)
        .filter(result="unsatisfied")
        .values_list("reply__assignment_id", flat=True)
    ) | set(
        item.evaluations.filter(round=round_ - 1, attitude="unsatisfied").values_list(
            "reply__assignment_id", flat=True
        )
    )
    return [a for a in qs if a.pk in unhappy]


def cohandlers_owing(item: Suggestion) -> list[Assignment]:
    """Co-handling units whose written opinion the lead unit still waits for (§1.3 step 4): not returned, no
    opinion yet, and their opinion deadline not passed (after it the lead replies and says none came) — a unit
    that has not signed yet has no deadline and is waited for."""
    on = today()
    return [
        a
        for a in item.assignments.exclude(status=AssignmentStatus.RETURNED)
        .filter(role=UnitRole.CO, opinion="")
        .select_related("unit")
        .order_by("id")
        if a.cohandler_due is None or a.cohandler_due >= on
    ]


@transaction.atomic
def remind_cohandlers(item: Suggestion, *, by) -> list[Assignment]:
    """The lead unit or staff remind the co-handling units that have not signed or not given their opinion
    (§1.3 step 4), through each unit's inbox, at most once a day per unit.

    Refuses: a user who is neither the lead unit nor staff in scope; nobody left to remind."""
    lock(item)
    workflow.require(item, "remind_cohandler", by)
    if not permissions.in_body_scope(by, item):
        a = permissions.require_assignment(by, item)
        if a.role != UnitRole.LEAD:
            raise NotPermitted("not_lead_unit", "只有主办单位或人大工作人员可以催办协办单位")
    owing = [
        a
        for a in item.assignments.exclude(status=AssignmentStatus.RETURNED)
        .filter(role=UnitRole.CO, opinion="")
        .select_related("unit")
        .order_by("id")
    ]
    if not owing:
        raise Refused("nothing_to_remind", "协办单位均已提出意见，无需催办")
    on = today()
    for a in owing:
        what = "签收并提出协办意见" if a.status == AssignmentStatus.PENDING else "提出协办意见"
        due = f"（期限 {a.cohandler_due:%Y-%m-%d}）" if a.cohandler_due else ""
        notify.send_many(
            [u.pk for u in unit_users(a.unit_id)],
            title=f"催办：请{what}：{item.title}",
            body=f"主办单位等待贵单位的协办意见{due}。",
            url=item_url(item),
            dedupe_key=f"sugg:{item.pk}:remind_co:{a.pk}:{on:%Y%m%d}",
        )
    log(item, "remind_cohandler", "催办协办单位：" + "、".join(str(a.unit) for a in owing), by=by)
    return owing


@transaction.atomic
def draft_reply(
    item: Suggestion,
    *,
    reply_class: str,
    content: str,
    document: UploadedFile | None,
    document_number: str = "",
    cohandler_views: str = "",
    by,
) -> Reply:
    """Refuses: a unit not owing a reply; a unit that has not signed for the item or asked to return it;
    a reply without class, content or document (§1.3 step 7: an official document); a document that is not
    a PDF, OFD, Word file or image by its content, or larger than 20MB."""
    lock(item)
    workflow.require(item, "draft_reply", by)
    a = permissions.require_assignment(by, item)
    if a.pk not in {x.pk for x in replying(item)}:
        raise Refused("not_replying_unit", "本单位在本轮不需要答复（协办单位向主办单位提出意见）")
    if a.status == AssignmentStatus.RETURN_REQUESTED:
        raise Refused("return_pending", "已申请退回，等待交办机关决定")
    if a.status != AssignmentStatus.ACCEPTED:
        raise Refused("accept_first", "请先签收")
    if reply_class not in ReplyClass.values:
        raise Refused("reply_class_required", "请选择答复类别（A–E）")
    content = require_text(content, "content_required", "请填写答复内容")
    check_document(document)
    if item.replies.filter(assignment=a, round=item.round, status=ReplyStatus.SENT).exists():
        raise Refused("already_replied", f"本单位第{item.round}轮答复已签发")
    if item.replies.filter(assignment=a, round=item.round, status=ReplyStatus.DRAFT).exists():
        raise Refused("reply_draft_exists", "已有待审核的答复稿")
    r = Reply.objects.create(
        suggestion=item,
        assignment=a,
        unit=a.unit,
        round=item.round,
        reply_class=reply_class,
        content=content,
        document=document,
        document_number=document_number[:60],
        cohandler_views=cohandler_views,
        drafted_by=by,
    )
    log(item, "draft_reply", f"{a.unit}拟写第{item.round}轮答复（{reply_class}类），报负责人审核", by=by)
    send_all(unit_users(a.unit_id, heads_only=True), item, title=f"答复待审核：{item.title}")
    return r


def _own_draft(item: Suggestion, reply_id: int, by) -> Reply:
    r = item.replies.filter(pk=reply_id, status=ReplyStatus.DRAFT).select_related("assignment").first()
    if r is None:
        raise Refused("no_reply_draft", "没有待审核的答复稿")
    if r.unit_id != by.unit_id:
        raise NotPermitted("not_assigned", "只能审核本单位的答复")
    return r


@transaction.atomic
def approve_reply(item: Suggestion, *, reply_id: int, by, note: str = "") -> Reply:
    """The unit head signs the reply; it goes to the deputy. When every unit owing a reply has sent one, the
    item waits for the deputy's evaluation and the feedback clock starts (§1.3 step 9)."""
    lock(item)
    workflow.require(item, "approve_reply", by)
    permissions.require_assignment(by, item)
    r = _own_draft(item, reply_id, by)
    if r.assignment.role == UnitRole.LEAD:
        waiting = cohandlers_owing(item)
        if waiting:
            raise Refused(
                "cohandler_opinion_missing",
                "主办单位的答复须说明协办单位意见（§1.3 第4步），以下协办单位尚未提出意见："
                + "、".join(str(a.unit) for a in waiting)
                + "。答复稿已保存，可先催办；协办意见期限届满后也可签发。",
            )
    r.status, r.approved_by, r.sent_on, r.head_note = ReplyStatus.SENT, by, today(), note[:300]
    r.save(update_fields=["status", "approved_by", "sent_on", "head_note"])
    a = r.assignment
    a.reply_class = r.reply_class
    fields = ["reply_class"]
    if r.round == 1 and a.replied_on is None:
        a.replied_on = r.sent_on
        a.on_time = bool(item.reply_due and r.sent_on <= item.reply_due)
        fields += ["replied_on", "on_time"]
    a.save(update_fields=fields)
    before = item.state
    owed = replying(item)
    sent = set(
        item.replies.filter(round=item.round, status=ReplyStatus.SENT).values_list("assignment_id", flat=True)
    )
    if all(x.pk in sent for x in owed):
        p = policy(item)
        deadlines.set_due(
            item,
            "feedback_due",
            start=r.sent_on,
            amount=p.feedback_days,
            unit="working_days",
            cite=f"{workflow.step('approve_reply').cite}（{p.feedback_days} 个工作日）",
        )
        item.feedback_reminded_on = None
        move(item, State.REPLIED, fields=("feedback_due", "feedback_reminded_on"))
        notify.deputies(  # inbox + WeChat, else SMS (renda/notify)
            deputy_users(item),
            "suggestion_replied",
            {"title": item.title, "due": f"{item.feedback_due:%Y-%m-%d}"},
            event=f"sugg:{item.pk}:replied:{item.round}",
            url=item_url(item),
            body=item.body,
        )
    late = "" if a.on_time is not False or r.round != 1 else "（超过答复期限）"
    log(
        item,
        "approve_reply",
        f"{r.unit}第{r.round}轮答复（{r.get_reply_class_display()}）经负责人签发{late}",
        by=by,
        before=before,
        note=note,
    )
    return r


@transaction.atomic
def return_reply(item: Suggestion, *, reply_id: int, note: str, by) -> Reply:
    lock(item)
    workflow.require(item, "return_reply", by)
    permissions.require_assignment(by, item)
    r = _own_draft(item, reply_id, by)
    r.head_note = require_text(note, "reason_required", "请说明退回修改的意见")[:300]
    r.status = ReplyStatus.REJECTED
    r.save(update_fields=["status", "head_note"])
    log(item, "return_reply", f"负责人退回{r.unit}答复稿", by=by, note=r.head_note)
    send_all([r.drafted_by], item, title=f"答复稿被退回修改：{item.title}", body=r.head_note)
    return r
