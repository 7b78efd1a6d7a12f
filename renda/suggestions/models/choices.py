"""Value lists of the suggestion workflow (domain.md §1.3). workflow.py imports `State` as `S` for its table."""

from django.db import models


class Kind(models.TextChoices):
    SUGGESTION = "suggestion", "建议、批评和意见"
    MOTION = "motion", "议案"


class Period(models.TextChoices):
    SESSION = "session", "大会期间"
    INTERIM = "interim", "闭会期间"


class State(models.TextChoices):
    DRAFT = "draft", "草稿"
    COSIGNING = "cosigning", "待附议代表确认"
    SUBMITTED = "submitted", "已提交待审查"
    NOT_ACCEPTED = "not_accepted", "不予受理（退回代表）"
    LETTER = "letter", "转作代表来信"
    WITHDRAWN = "withdrawn", "已撤回"
    MOTION_REJECTED = "motion_rejected", "不予立案"
    ACCEPTED = "accepted", "已受理待交办"
    HANDED_OVER = "handed_over", "已交办待签收"
    HANDLING = "handling", "办理中"
    REPLIED = "replied", "已答复待评价"
    REHANDLING = "rehandling", "重新办理中"
    EVALUATED = "evaluated", "已评价（跟踪落实）"
    ESCALATED = "escalated", "评估会商中"
    CLOSED = "closed", "已办结"


class NonAcceptance(models.TextChoices):
    """Items not accepted as suggestions (domain.md §1.3 step 2; Beijing Art. 12, Shanghai Art. 8)."""

    PERSONAL = "personal", "代表本人或亲属的个人事项"
    CONSULTATION = "consultation", "法律政策咨询、学术探讨或产品推介"
    FORWARDED = "forwarded", "转交他人来信"
    COMPLAINT = "complaint", "控告、检举或申诉"
    PENDING_CASE = "pending_case", "对正在审理案件的意见"
    TENDER = "tender", "干预正在进行的招投标"
    OUT_OF_COMPETENCE = "out_of_competence", "不属于本级职权范围"
    NO_CONTENT = "no_content", "无实质内容"
    MULTIPLE_ISSUES = "multiple_issues", "一件建议涉及多个问题（一事一议）"


class MotionDecision(models.TextChoices):
    FILED = "filed", "立案"
    AS_SUGGESTION = "as_suggestion", "转作建议办理"
    REJECTED = "rejected", "不予立案"


class ReconsiderationStatus(models.TextChoices):
    """A request to reconsider a motion decision (domain.md §1.4, Shanghai motion rules Art. 14)."""

    OPEN = "open", "征集联名、待主席团决定"
    UPHELD = "upheld", "主席团维持原决定"
    FILED = "filed", "复议后立案"


class ReconsiderationOutcome(models.TextChoices):
    UPHOLD = "uphold", "维持原决定"
    FILE = "file", "改为立案"


class UnitRole(models.TextChoices):
    LEAD = "lead", "主办"
    CO = "co", "协办"
    SEPARATE = "separate", "分办"


class AssignmentStatus(models.TextChoices):
    PENDING = "pending", "待签收"
    ACCEPTED = "accepted", "已签收"
    RETURN_REQUESTED = "return_requested", "申请退回"
    RETURNED = "returned", "已退回"


class ContactStage(models.TextChoices):
    BEFORE = "before", "办前沟通"
    DURING = "during", "办中沟通"
    AFTER = "after", "办后沟通"


class ContactForm(models.TextChoices):
    FACE = "face", "当面"
    PHONE = "phone", "电话"
    VISIT = "visit", "走访"
    MEETING = "meeting", "座谈"
    LETTER = "letter", "书面"


class ReplyClass(models.TextChoices):
    """Reply classes (domain.md §1.3 step 8): the reporting labels A–D of handling reports, and the statutory
    class for matters of a higher level — Chongqing Art. 22 "involves an upper-level authority; report how it was
    passed upwards" — which none of A–D covers (a unit cannot solve, plan or shelve what is not its power)."""

    A = "A", "A 已解决或基本解决"
    B = "B", "B 正在解决"
    C = "C", "C 列入计划逐步解决"
    D = "D", "D 因条件限制留作参考"
    E = "E", "E 属上级事权，已向上级反映"


class ReplyStatus(models.TextChoices):
    DRAFT = "draft", "待负责人审核"
    SENT = "sent", "已答复"
    REJECTED = "rejected", "负责人退回修改"


class Rating(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASICALLY = "basically", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已同意"
    REFUSED = "refused", "不同意"


class EscalationKind(models.TextChoices):
    EXPERT = "expert", "专家评估（河南规定）"
    JOINT = "joint", "代表与承办单位会商（重庆规定）"


class DueState(models.TextChoices):
    OK = "", "正常"
    SOON = "soon", "即将到期"
    OVERDUE = "overdue", "已超期"
