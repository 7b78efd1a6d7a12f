"""Minutes (会议纪要): drafted from the agenda, attendance and vote results; edited by staff; a docx."""

import io

from django.utils import timezone

from .. import selectors, votes
from ..models import AttendeeRole, LeaveState, Meeting


def draft(meeting: Meeting) -> str:
    """A first draft staff then edit: time and place, who came (members, 列席, leave, absent), each agenda
    item with its vote results and the rule that decided them."""
    start = timezone.localtime(meeting.starts_at)
    q = selectors.quorum(meeting)
    rows = list(meeting.attendees.select_related("user"))
    members = [a for a in rows if a.role == AttendeeRole.MEMBER]
    present = [str(a.user) for a in members if a.present]
    leave = [str(a.user) for a in members if not a.present and a.leave_state == LeaveState.APPROVED]
    absent = [str(a.user) for a in members if not a.present and a.leave_state != LeaveState.APPROVED]
    observers = [
        f"{a.user}{('（' + a.capacity + '）') if a.capacity else ''}"
        for a in rows
        if a.role == AttendeeRole.OBSERVER and a.present
    ]
    lines = [
        f"{meeting.title}纪要",
        "",
        f"时间：{start:%Y年%m月%d日 %H:%M}",
        f"地点：{meeting.location or '—'}",
        f"应到组成人员{q.total}人，实到{q.present}人，{('符合' if q.met else '不符合')}法定人数（{q.rule}）。",
        f"出席：{'、'.join(present) or '—'}",
        f"请假：{'、'.join(leave) or '无'}",
        f"缺席：{'、'.join(absent) or '无'}",
        f"列席：{'、'.join(observers) or '无'}",
        "",
        "会议议程及结果：",
    ]
    polls = votes.polls_of_meeting(meeting)
    for item in meeting.items.all():
        lines.append(
            f"{item.order}. {item.title}{('（' + item.presenter + '汇报）') if item.presenter else ''}"
        )
        for poll in polls.get(item.pk, []):
            lines.append("   " + result_line(poll))
    lines += ["", "会议议定事项：", "（请工作人员补充）"]
    return "\n".join(lines)


def result_line(poll) -> str:
    """One poll in the minutes: counts per option (totals only for a secret ballot: the engine gives no
    names), the outcome and the sentence naming the rule and article that decided it."""
    r = votes.result(poll)
    if r is None:
        return f"{poll.title}：—"
    counts = "，".join(f"{ln.label}{ln.count}票" for ln in r.lines)
    elected = f"当选：{'、'.join(r.elected)}。" if r.elected else ""
    return f"{poll.title}（第{poll.round}轮）：{counts}；{r.outcome or poll.get_state_display()}。{elected}{r.decided_by}"


def as_docx(meeting: Meeting) -> bytes:
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    d = Docx()
    style = d.styles["Normal"]
    style.font.name, style.font.size = "宋体", Pt(12)
    text = meeting.minutes or draft(meeting)
    first, *rest = text.splitlines() or [meeting.title]
    h = d.add_heading(first, level=1)
    h.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in rest:
        d.add_paragraph(line)
    if meeting.minutes_approved_by_id:
        d.add_paragraph(f"审定：{meeting.minutes_approved_by}")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()
