"""The life of a suggestion or motion as one state table (domain.md §1.3 steps 1–14, §1.4). No database access.

Each `Step` (renda.core.workflow) names the states it leaves from, the state it leads to (`None`: the state
stays, or the service decides between the two listed in `alt`), who may take it, the policy field whose
clock it starts, and the rule it follows. The staff page 办理流程 (views.staff.workflow_table) renders this table,
docs/suggestions.md lists it for readers, and tests/core/test_workflow_tables.py walks it with every other table.
"""

from renda.core.roles import Role
from renda.core.workflow import SYSTEM as BY_SYSTEM
from renda.core.workflow import Step, Workflow

from .models.choices import State as S

R = Role
STAFF = frozenset({R.STAFF})
DEPUTY = frozenset({R.DEPUTY})
UNIT = frozenset({R.UNIT_HANDLER, R.UNIT_HEAD})
HEAD = frozenset({R.UNIT_HEAD})
LEADERS = frozenset({R.LEADER, R.STAFF})
SYSTEM = frozenset({BY_SYSTEM})  # taken by the deadline scan only

IN_HANDLING = frozenset({S.HANDED_OVER, S.HANDLING})
# A unit that has signed drafts and sends its reply while another unit has still to sign (§1.3 step 4: the
# co-handlers' opinions are an input to the lead's reply, not a lock on drafting it).
REPLYING = frozenset({S.HANDED_OVER, S.HANDLING, S.REHANDLING})
AFTER_HANDOVER = frozenset({S.HANDED_OVER, S.HANDLING, S.REPLIED, S.REHANDLING, S.EVALUATED, S.ESCALATED})
PUBLISHABLE = frozenset({S.REPLIED, S.EVALUATED, S.ESCALATED, S.CLOSED})
# 不予立案 is not terminal: a reconsideration (§1.4) may still file the motion until the presidium's last meeting.
TERMINAL = frozenset({S.NOT_ACCEPTED, S.LETTER, S.WITHDRAWN, S.CLOSED})
# After 不予立案 or 转作建议 (the item then waits for hand-over as a suggestion) the sponsors may ask for reconsideration.
RECONSIDERING = frozenset({S.MOTION_REJECTED, S.ACCEPTED})


STEPS: tuple[Step, ...] = (
    Step(
        "submit",
        "提交",
        frozenset({S.DRAFT}),
        S.SUBMITTED,
        DEPUTY | STAFF,
        "§1.3 第1步：一事一议，标题、事由、具体建议、代表姓名、代表证号和联系方式（北京第9条）",
    ),
    Step(
        "submit_joint",
        "提交联名件",
        frozenset({S.DRAFT}),
        S.COSIGNING,
        DEPUTY | STAFF,
        "§1.3 第1步：联名提出的，由领衔代表提出，附议代表确认内容（北京第10–11条）",
    ),
    Step(
        "cosign",
        "附议确认",
        frozenset({S.COSIGNING}),
        None,
        DEPUTY,
        "§1.3 第1步：附议代表确认；全部确认后提交审查",
        alt=(S.COSIGNING, S.SUBMITTED),
    ),
    Step(
        "remind_cosigners",
        "提醒附议",
        frozenset({S.COSIGNING}),
        None,
        DEPUTY | STAFF,
        "§1.3 第1步：附议代表确认内容后才提交审查；领衔代表或工作人员提醒尚未确认的附议代表",
    ),
    Step(
        "decline_cosign",
        "拒绝附议",
        frozenset({S.COSIGNING}),
        S.DRAFT,
        DEPUTY,
        "§1.3 第1步：附议代表不同意的，退回领衔代表修改",
    ),
    Step(
        "agree_withdraw",
        "同意撤回",
        frozenset({S.COSIGNING, S.SUBMITTED, S.ACCEPTED}),
        None,
        DEPUTY,
        "§1.3 第2步：联名建议撤回须全体附议代表同意",
    ),
    Step(
        "withdraw_support",
        "撤回联名",
        frozenset({S.SUBMITTED}),
        None,
        DEPUTY,
        "§1.4：议案审查决定前附议代表可以撤回联名；撤回后联名人数不足的，议案失效（上海议案规定第13条）",
        alt=(S.SUBMITTED, S.MOTION_REJECTED),
    ),
    Step(
        "withdraw",
        "撤回",
        frozenset({S.DRAFT, S.COSIGNING, S.SUBMITTED, S.ACCEPTED}),
        S.WITHDRAWN,
        DEPUTY,
        "§1.3 第2步：交办前可以撤回（北京），书面撤回（上海）；联名件须全体同意",
    ),
    Step(
        "not_accept",
        "不予受理",
        frozenset({S.SUBMITTED}),
        S.NOT_ACCEPTED,
        STAFF,
        "§1.3 第2步：不作为建议受理的情形（北京第12条、上海第8条），退回代表并说明理由",
    ),
    Step(
        "to_letter",
        "转作代表来信",
        frozenset({S.SUBMITTED}),
        S.LETTER,
        STAFF,
        "§1.3 第2步：不作为建议的，作代表来信处理",
    ),
    Step(
        "accept",
        "受理登记",
        frozenset({S.SUBMITTED}),
        S.ACCEPTED,
        STAFF,
        "§1.3 第2步：代表工作机构审查登记；交办期限起算",
        clock="handover_days",
    ),
    Step(
        "file_motion",
        "议案立案",
        frozenset({S.SUBMITTED}),
        S.ACCEPTED,
        LEADERS,
        "§1.4：达到联名人数的议案经审查决定列入议程或交专门委员会审议（立案）",
        clock="handover_days",
    ),
    Step(
        "motion_to_suggestion",
        "议案转作建议",
        frozenset({S.SUBMITTED}),
        S.ACCEPTED,
        LEADERS,
        "§1.4：不作为议案的，书面说明理由，作为建议办理（北京第2条）",
        clock="handover_days",
    ),
    Step(
        "reject_motion",
        "议案不予立案",
        frozenset({S.SUBMITTED}),
        S.MOTION_REJECTED,
        LEADERS,
        "§1.4：主席团决定不作为议案，书面说明理由",
    ),
    Step(
        "request_reconsideration",
        "申请复议",
        RECONSIDERING,
        None,
        DEPUTY,
        "§1.4：不予立案或转作建议的，提案代表过半数且不少于10人可在主席团最后一次会议4小时前提出复议"
        "（上海议案规定第14条）；由领衔代表书面说明理由",
    ),
    Step(
        "support_reconsideration",
        "联名支持复议",
        RECONSIDERING,
        None,
        DEPUTY,
        "§1.4：复议须提案代表过半数且不少于10人联名，截止时间前联名有效（上海议案规定第14条）",
    ),
    Step(
        "decide_reconsideration",
        "记录复议决定",
        RECONSIDERING,
        None,
        LEADERS,
        "§1.4：主席团对复议作出决定：维持原决定，或立案并交办",
        clock="handover_days",
        alt=(S.MOTION_REJECTED, S.ACCEPTED),
    ),
    Step(
        "hand_over",
        "交办",
        frozenset({S.ACCEPTED}),
        S.HANDED_OVER,
        STAFF,
        "§1.1 代表法第51条、§1.3 第3–4步：交主办和协办单位或分别办理；答复期限自交办之日起算",
        clock="reply_months",
    ),
    Step(
        "add_unit",
        "增加承办单位",
        IN_HANDLING,
        None,
        STAFF,
        "§1.3 第5步：由交办机关重新确定承办单位，承办单位不得自行转办",
    ),
    Step(
        "accept_assignment",
        "签收",
        IN_HANDLING,
        S.HANDLING,
        UNIT,
        "§1.3 第3步：承办单位签收后办理；首次联系代表期限起算（重庆第18条）",
        clock="contact_days",
    ),
    Step(
        "request_return",
        "申请退回",
        IN_HANDLING,
        None,
        UNIT,
        "§1.3 第5步：认为不属于本单位职责的，在期限内说明理由申请退回，不得滞留或自行转办",
        clock="return_days",
    ),
    Step(
        "approve_return",
        "同意退回",
        IN_HANDLING,
        None,
        STAFF,
        "§1.3 第5步：交办机关同意退回并重新交办",
        alt=(S.ACCEPTED, S.HANDED_OVER, S.HANDLING),
    ),
    Step(
        "refuse_return",
        "不同意退回",
        IN_HANDLING,
        None,
        STAFF,
        "§1.3 第5步：交办机关不同意退回的，原单位继续办理",
    ),
    Step(
        "record_contact",
        "登记沟通",
        AFTER_HANDOVER,
        None,
        UNIT,
        "§1.3 第6步：办前、办中、办后与代表沟通（北京第19条、山东第17条、青岛第23条）",
    ),
    Step(
        "give_opinion",
        "协办意见",
        frozenset({S.HANDED_OVER, S.HANDLING, S.REHANDLING}),
        None,
        UNIT,
        "§1.3 第4步：协办单位在期限内向主办单位提出书面意见",
        clock="cohandler_months",
    ),
    Step(
        "request_extension",
        "申请延期",
        IN_HANDLING,
        None,
        UNIT,
        "§1.3 第7步：经交办机关同意可以延期，总期限不超过六个月",
    ),
    Step(
        "decide_extension",
        "审批延期",
        IN_HANDLING,
        None,
        STAFF,
        "§1.3 第7步：延期须经交办机关同意",
        clock="extension_max_months",
    ),
    Step(
        "remind_cohandler",
        "催办协办单位",
        REPLYING,
        None,
        UNIT | STAFF,
        "§1.3 第4步：协办单位在期限内向主办单位提出书面意见；主办单位或工作人员催办尚未签收或提出意见的协办单位",
    ),
    Step(
        "draft_reply",
        "拟写答复",
        REPLYING,
        None,
        UNIT,
        "§1.3 第4、7–8步：签收后即可拟写正式答复函，注明答复类别；协办意见在签发前汇入",
    ),
    Step(
        "approve_reply",
        "审核签发答复",
        REPLYING,
        None,
        HEAD,
        "§1.3 第4、7步：答复须经单位负责人签署（北京第22条、上海第20条），主办单位的答复须说明协办单位意见；"
        "代表反馈期限起算",
        clock="feedback_days",
        alt=(S.HANDED_OVER, S.HANDLING, S.REHANDLING, S.REPLIED),
    ),
    Step(
        "return_reply", "退回答复稿", REPLYING, None, HEAD, "§1.3 第7步：负责人审核不同意的，退回经办人修改"
    ),
    Step(
        "evaluate",
        "评价答复",
        frozenset({S.REPLIED}),
        None,
        DEPUTY,
        "§1.3 第9–10步：态度和结果分别评价；不满意的须说明理由，重新办理或提请评估会商",
        clock="rehandle_months",
        alt=(S.REPLIED, S.EVALUATED, S.REHANDLING, S.ESCALATED),
    ),
    Step(
        "cosigner_view",
        "附议代表意见",
        frozenset({S.REPLIED}),
        None,
        DEPUTY,
        "§1.3 第9步：联名件由领衔代表汇总附议代表意见（山东、重庆）",
    ),
    Step(
        "remind_feedback",
        "催告评价",
        frozenset({S.REPLIED}),
        None,
        SYSTEM,
        "§1.3 第9步：逾期未反馈的催告一次（重庆第29条）",
        clock="reminder_grace_days",
    ),
    Step(
        "lapse_feedback",
        "逾期未评价",
        frozenset({S.REPLIED}),
        S.EVALUATED,
        SYSTEM,
        "§1.3 第9步：经催告仍未反馈的，不计入满意率统计（重庆第29条）",
    ),
    Step(
        "record_escalation",
        "登记评估会商",
        frozenset({S.ESCALATED}),
        None,
        STAFF,
        "§1.3 第10步：再次不满意的，组织专家评估（河南）或召集代表和承办单位会商（重庆）",
    ),
    Step(
        "add_promise",
        "登记承诺事项",
        AFTER_HANDOVER,
        None,
        UNIT,
        "§1.3 第11步：承诺事项台账，跨年度的结转并报告（青岛第26–27条）",
    ),
    Step(
        "close",
        "办结",
        frozenset({S.EVALUATED, S.ESCALATED}),
        S.CLOSED,
        STAFF,
        "§1.3 第11步：承诺事项落实后办结",
    ),
    Step(
        "supervise",
        "列为重点督办",
        AFTER_HANDOVER | {S.ACCEPTED},
        None,
        LEADERS,
        "§1.1 代表法第52条、§1.3 第12步：主任会议确定重点督办建议",
    ),
    Step(
        "publish",
        "公开",
        PUBLISHABLE,
        None,
        STAFF,
        "§1.3 第13步：公开建议内容、答复和代表评价，不含国家秘密、商业秘密和个人隐私",
    ),
)
SUGGESTION = Workflow(
    "suggestion",
    STEPS,
    states=S,
    initial=frozenset({S.DRAFT}),
    terminal=TERMINAL,
    roles=Role,
    field="state",
    noun="该件",
    policy="suggestions.Policy",
)
step, require, allowed = SUGGESTION.step, SUGGESTION.require, SUGGESTION.allowed
