"""The demo generator: `Planner` (demo_plan.py) plans each item along the legal path, stopping at today;
`Gen` bulk-writes the planned rows. Used by demo.py; see its docstring."""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from renda.core.models import Deadline

from .demo_plan import Planner, office_hour
from .demo_topics import CONTACT_TEXT, REPLY_TEXT
from .models import (
    Assignment,
    Contact,
    CoSigner,
    Escalation,
    Evaluation,
    Kind,
    Promise,
    Reply,
    State,
    Suggestion,
    TimelineEntry,
)
from .services.deadlines import STAGE_FIELD, due_state

CITE = {
    "handover_due": "§1.3 第3步：交办期限",
    "reply_due": "§1.1 代表法第51条：自交办之日起3个月",
    "feedback_due": "§1.3 第9步：代表反馈期限",
    "return_due": "§1.3 第5步：退回申请期限",
    "cohandler_due": "§1.3 第4步：协办意见期限",
    "contact_due": "§1.3 第6步：首次联系代表期限",
}


_DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


class Gen(Planner):
    # ---- writing ----
    def write(self) -> None:
        today = self.today
        for item in self.items:
            f = STAGE_FIELD.get(item.state)
            item.due_state = (
                due_state(
                    getattr(item, f) if f else None,
                    on=today,
                    soon_days=self.policy.due_soon_days,
                    cal=self.cal,
                )
                if item.state in STAGE_FIELD
                else ""
            )
        _number(self.items)
        Suggestion.objects.bulk_create(self.items, batch_size=500)
        ct_s = ContentType.objects.get_for_model(Suggestion)
        ct_a = ContentType.objects.get_for_model(Assignment)
        cos, assigns, timeline, contacts, promises, dls = [], [], [], [], [], []
        last = {(id(d[0]), d[1]): d for d in self.deadlines}  # the latest recipe of each field wins
        for item, fname, start, amount, unit, due in last.values():
            if getattr(item, fname) == due:
                dls.append(
                    Deadline(
                        content_type=ct_s,
                        object_id=str(item.pk),
                        field=fname,
                        start=start,
                        amount=amount,
                        unit=unit,
                        cite=CITE[fname],
                        due=due,
                    )
                )
        staff = self.acc["staff"]
        for item in self.items:
            plan = self.plan[id(item)]
            for m in plan["cos"]:
                confirmed = item.state not in (State.DRAFT, State.COSIGNING)
                cos.append(
                    CoSigner(
                        suggestion=item, mandate=m, confirmed_at=item.submitted_at if confirmed else None
                    )
                )
            for a in plan["assign"]:
                row = Assignment(
                    suggestion=item,
                    unit=a["unit"],
                    role=a["role"],
                    status=a["status"],
                    year=a["on"].year,
                    assigned_on=a["on"],
                    return_due=self.wd(a["on"], self.policy.return_days),
                    assigned_by=staff,
                    return_reason=a.get("reason", ""),
                )
                if a["role"] == "co":
                    row.cohandler_due = self.months(a["on"], self.policy.cohandler_months)
                    if a["status"] == "accepted" and row.cohandler_due <= today:
                        row.opinion, row.opinion_on = (
                            "同意主办单位办理意见，我单位将积极配合。",
                            row.cohandler_due,
                        )
                if a["status"] == "accepted":
                    row.accepted_at = office_hour(a["signed"], 10)
                    row.contact_due = self.wd(a["signed"], self.policy.contact_days)
                if a["status"] == "returned":
                    row.return_requested_on = self.wd(a["on"], 3)
                assigns.append(row)
            for kind, label, s_from, s_to, on, actor in plan["events"]:
                named = isinstance(actor, str)
                timeline.append(
                    TimelineEntry(
                        suggestion=item,
                        at=office_hour(on, 9 + len(timeline) % 8),
                        actor_id=None if named else actor,
                        actor_name=actor if named else ("系统" if actor is None else ""),
                        action=kind,
                        label=label,
                        state_from=s_from if s_to else "",
                        state_to=s_to,
                    )
                )
            for unit, stage, on, form in plan["contacts"]:
                contacts.append(
                    Contact(
                        suggestion=item,
                        unit=unit,
                        stage=stage,
                        on=on,
                        form=form,
                        content=CONTACT_TEXT[stage],
                        by=staff,
                    )
                )
            for unit, text, due, done in plan["promises"]:
                promises.append(
                    Promise(
                        suggestion=item,
                        unit=unit,
                        text=text,
                        due=due,
                        done_on=done,
                        by=staff,
                        progress="已按承诺完成。" if done else "正在推进。",
                    )
                )
        CoSigner.objects.bulk_create(cos, batch_size=1000)
        Assignment.objects.bulk_create(assigns, batch_size=1000)
        for a in assigns:
            dls.append(
                Deadline(
                    content_type=ct_a,
                    object_id=str(a.pk),
                    field="return_due",
                    start=a.assigned_on,
                    amount=self.policy.return_days,
                    unit="working_days",
                    cite=CITE["return_due"],
                    due=a.return_due,
                )
            )
            if a.cohandler_due:
                dls.append(
                    Deadline(
                        content_type=ct_a,
                        object_id=str(a.pk),
                        field="cohandler_due",
                        start=a.assigned_on,
                        amount=self.policy.cohandler_months,
                        unit="months",
                        cite=CITE["cohandler_due"],
                        due=a.cohandler_due,
                    )
                )
        Deadline.objects.bulk_create(dls, batch_size=1000)
        self._names(timeline)
        TimelineEntry.objects.bulk_create(timeline, batch_size=2000)
        Contact.objects.bulk_create(contacts, batch_size=1000)
        Promise.objects.bulk_create(promises, batch_size=1000)
        self._replies(assigns)

    def _names(self, timeline: list[TimelineEntry]) -> None:
        from renda.core.models import User

        ids = {t.actor_id for t in timeline if t.actor_id}
        names = dict(User.objects.filter(pk__in=ids).values_list("pk", "full_name"))
        for t in timeline:
            if t.actor_id:
                t.actor_name = names.get(t.actor_id, "")

    def _replies(self, assigns: list[Assignment]) -> None:
        live = {(a.suggestion_id, a.unit_id): a for a in assigns if a.status != "returned"}
        head, handler = self.acc["unithead"], self.acc["handler"]
        # One small PDF on disk that every demo reply points to, so "下载答复函" works in the demo.
        doc_name = default_storage.save("suggestions/replies/demo/答复函.pdf", ContentFile(_DEMO_PDF))
        replies, evals, touched = [], [], {}
        for item in self.items:
            plan = self.plan[id(item)]
            for rep in plan["replies"]:
                a = live[(item.pk, rep["unit"].pk)]
                r = Reply(
                    suggestion=item,
                    assignment=a,
                    unit=rep["unit"],
                    round=rep["round"],
                    reply_class=rep["class"],
                    content=REPLY_TEXT[rep["class"]].format(x=item.title[2:-3]),
                    status="sent",
                    drafted_by=handler,
                    approved_by=head,
                    sent_on=rep["on"],
                    drafted_at=office_hour(rep["on"], 8),
                    document_number=f"青{rep['unit'].name[2:4]}字〔{rep['on'].year}〕{len(replies) + 1}号",
                )
                r.document.name = doc_name
                replies.append((r, rep))
                if rep["round"] == 1:
                    a.replied_on, a.on_time = rep["on"], rep["on"] <= plan["reply_due1"]
                a.reply_class = rep["class"]
                if "eval" in rep:
                    a.attitude, a.result = rep["eval"][0], rep["eval"][1]
                if plan.get("unrated_round") == rep["round"]:
                    a.unrated = True
                touched[a.pk] = a
            if plan.get("draft_only"):
                a = live[(item.pk, plan["draft_only"].pk)]
                r = Reply(
                    suggestion=item,
                    assignment=a,
                    unit=a.unit,
                    round=1,
                    reply_class="B",
                    status="draft",
                    content=REPLY_TEXT["B"].format(x=item.title[2:-3]),
                    drafted_by=handler,
                )
                r.document.name = doc_name
                replies.append((r, {}))
        Reply.objects.bulk_create([r for r, _ in replies], batch_size=1000)
        for r, rep in replies:
            if rep.get("eval"):
                att, res, reason, on = rep["eval"]
                evals.append(
                    Evaluation(
                        reply=r,
                        suggestion_id=r.suggestion_id,
                        round=r.round,
                        attitude=att,
                        result=res,
                        reason=reason,
                        by_id=r.suggestion.lead.person.user_id or self.acc["deputy"].pk,
                        on=on,
                    )
                )
        Evaluation.objects.bulk_create(evals, batch_size=1000)
        Assignment.objects.bulk_update(
            list(touched.values()),
            ["replied_on", "on_time", "reply_class", "attitude", "result", "unrated"],
            batch_size=1000,
        )
        escalations = [
            Escalation(
                suggestion=i,
                kind="joint",
                note="召集代表和承办单位会商，明确整改措施。",
                outcome="承办单位承诺分步解决。",
                on=self.plan[id(i)]["escalation"],
                by=self.acc["staff"],
            )
            for i in self.items
            if self.plan[id(i)]["escalation"]
        ]
        Escalation.objects.bulk_create(escalations)


def _number(items: list[Suggestion]) -> None:
    seq: dict[tuple, int] = {}
    for item in sorted(items, key=lambda i: (i.accepted_on or date.max, i.submitted_at or timezone.now())):
        if item.accepted_on:
            prefix = "议" if item.kind == Kind.MOTION else "建"
            key = (item.year, prefix)
            seq[key] = seq.get(key, 0) + 1
            item.number = f"{item.year}{prefix}{seq[key]:04d}"
