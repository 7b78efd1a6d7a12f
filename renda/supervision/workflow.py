"""State tables of supervision (domain.md §5). No database access.

Opinion: 监督法第十七条 — deliberation opinions go to the organ, it reports in writing how they were
handled, the standing committee evaluates (often by a satisfaction vote, §5.3) and follows up.
"""

from renda.core.roles import Role
from renda.core.workflow import SYSTEM, Step, Workflow

from .choices import FilingStatus as F
from .choices import FollowStatus as U
from .choices import ItemStatus as I
from .choices import MatterStatus as M
from .choices import OpinionStatus as O
from .choices import WarningStatus as W

STAFF = frozenset({Role.STAFF})
STAFF_LEADER = frozenset({Role.STAFF, Role.LEADER})
UNIT = frozenset({Role.UNIT_HANDLER, Role.UNIT_HEAD, Role.STAFF})
TASK = frozenset({SYSTEM, Role.STAFF})

ITEM = Workflow(
    "plan_item",
    (
        Step(
            "prepare",
            "启动准备",
            frozenset({I.PLANNED}),
            I.PREPARING,
            STAFF,
            "domain.md §5.1 监督法第十三条：会前视察、调研",
        ),
        Step(
            "hear",
            "常委会审议",
            frozenset({I.PLANNED, I.PREPARING}),
            I.HEARD,
            STAFF,
            "domain.md §5.1 监督法第十五—十七条",
        ),
        Step(
            "finish",
            "办结",
            frozenset({I.HEARD}),
            I.DONE,
            STAFF,
            "domain.md §5.1 监督法第十七条：跟踪监督完毕",
        ),
        Step(
            "cancel",
            "取消",
            frozenset({I.PLANNED, I.PREPARING}),
            I.CANCELLED,
            STAFF,
            "domain.md §5.1 监督法第六十三条：计划调整",
        ),
    ),
    states=I,
    initial=frozenset({I.PLANNED}),
    terminal=frozenset({I.DONE, I.CANCELLED}),
    roles=Role,
    noun="该监督事项",
    policy="supervision.SupervisionPolicy",
)

OPINION = Workflow(
    "opinion",
    (
        Step(
            "send",
            "交办",
            frozenset({O.DRAFT}),
            O.SENT,
            STAFF,
            "domain.md §5.2 浙江：七日内交办",
            clock="handling_months",
        ),
        Step(
            "report",
            "报送办理情况",
            frozenset({O.SENT}),
            O.REPORTED,
            UNIT,
            "domain.md §5.1 监督法第十七条：书面报告办理情况",
            clock="evaluation_days",
        ),
        Step(
            "evaluate",
            "评价办理情况",
            frozenset({O.REPORTED}),
            None,
            STAFF,
            "domain.md §5.3 满意度测评",
            alt=(O.SATISFIED, O.UNSATISFIED),
        ),
        Step(
            "rereport",
            "整改后再报告",
            frozenset({O.UNSATISFIED}),
            O.REPORTED,
            UNIT,
            "domain.md §5.1 监督法第十七条：跟踪监督",
        ),
    ),
    states=O,
    initial=frozenset({O.DRAFT}),
    terminal=frozenset({O.SATISFIED}),
    roles=Role,
    noun="该审议意见",
    policy="supervision.SupervisionPolicy",
)

FOLLOWUP = Workflow(
    "followup",
    (
        Step(
            "answer",
            "反馈整改情况",
            frozenset({U.OPEN}),
            U.ANSWERED,
            UNIT,
            "domain.md §5.1 监督法第十七条：跟踪监督",
        ),
        Step(
            "close",
            "销号",
            frozenset({U.ANSWERED}),
            U.CLOSED,
            STAFF,
            "domain.md §5.1 跟踪监督：问题解决后销号",
        ),
        Step(
            "reopen",
            "退回继续督办",
            frozenset({U.ANSWERED}),
            U.OPEN,
            STAFF,
            "domain.md §5.1 跟踪监督",
            clock="followup_months",
        ),
    ),
    states=U,
    initial=frozenset({U.OPEN}),
    terminal=frozenset({U.CLOSED}),
    roles=Role,
    noun="该督办事项",
    policy="supervision.SupervisionPolicy",
)

WARNING = Workflow(
    "budget_warning",
    (
        Step(
            "explain",
            "单位说明",
            frozenset({W.PUSHED}),
            W.EXPLAINED,
            UNIT,
            "domain.md §5.5 湖北：预警推送单位自查说明",
        ),
        Step(
            "track",
            "转跟踪督办",
            frozenset({W.PUSHED, W.EXPLAINED}),
            W.TRACKING,
            STAFF,
            "domain.md §5.5 广东：书面询问并跟踪督办",
        ),
        Step(
            "close",
            "核查关闭",
            frozenset({W.EXPLAINED, W.TRACKING}),
            W.CLOSED,
            STAFF,
            "domain.md §5.5 湖北：线上核查、线下核实后关闭",
        ),
    ),
    states=W,
    initial=frozenset({W.PUSHED}),
    terminal=frozenset({W.CLOSED}),
    roles=Role,
    noun="该预警",
)

FILING = Workflow(
    "filing",
    (
        Step(
            "check",
            "形式审查通过",
            frozenset({F.FILED}),
            F.CHECKED,
            STAFF,
            "domain.md §5.6 北京第十二条：十日内形式审查",
        ),
        Step(
            "return",
            "退回补正",
            frozenset({F.FILED}),
            F.RETURNED,
            STAFF,
            "domain.md §5.6 北京第十二条：十日内补正",
        ),
        Step(
            "refile", "补正后重新报备", frozenset({F.RETURNED}), F.FILED, UNIT, "domain.md §5.6 北京第十二条"
        ),
        Step(
            "review",
            "开始审查",
            frozenset({F.CHECKED}),
            F.REVIEWING,
            STAFF,
            "domain.md §5.6 北京第二十二—二十三条",
            clock="review_months",
        ),
        Step("pass", "未发现问题", frozenset({F.REVIEWING}), F.NO_ISSUE, STAFF, "domain.md §5.6"),
        Step(
            "require_correction",
            "要求纠正",
            frozenset({F.REVIEWING}),
            F.CORRECTION,
            STAFF,
            "domain.md §5.6 北京第二十九条：三十日内答复",
            clock="correction_days",
        ),
        Step(
            "corrected",
            "已纠正",
            frozenset({F.CORRECTION}),
            F.CORRECTED,
            STAFF,
            "domain.md §5.6 北京第二十九条",
        ),
        Step(
            "annul",
            "撤销",
            frozenset({F.CORRECTION}),
            F.ANNULLED,
            STAFF,
            "domain.md §5.6 监督法第四十四条；河南第五十七条：不纠正的提请撤销",
        ),
    ),
    states=F,
    initial=frozenset({F.FILED}),
    terminal=frozenset({F.NO_ISSUE, F.CORRECTED, F.ANNULLED}),
    roles=Role,
    noun="该备案文件",
    policy="supervision.SupervisionPolicy",
)

MATTER = Workflow(
    "matter",
    (
        Step(
            "deliberate",
            "提请常委会审议",
            frozenset({M.PROPOSED}),
            M.DELIBERATING,
            STAFF,
            "domain.md §5.1 地方组织法第五十条第四项：常委会讨论、决定本行政区域内的重大事项",
        ),
        Step(
            "decide",
            "登记决定（关联表决）",
            frozenset({M.DELIBERATING}),
            M.DECIDED,
            STAFF,
            "domain.md §5.1 地方组织法第五十一条：常委会的决议以全体组成人员的过半数通过",
        ),
        Step(
            "reject",
            "登记表决未通过",
            frozenset({M.DELIBERATING}),
            M.REJECTED,
            STAFF,
            "domain.md §5.1 地方组织法第五十一条：未获全体组成人员过半数赞成的不通过",
        ),
        Step(
            "track",
            "交付执行并跟踪",
            frozenset({M.DECIDED}),
            M.TRACKED,
            STAFF,
            "domain.md §5.1 监督法第十七条：跟踪监督",
            clock="matter_report_months",
        ),
        Step(
            "report",
            "报告执行情况",
            frozenset({M.TRACKED}),
            None,
            UNIT,
            "domain.md §5.1 监督法第十七条：书面报告执行情况",
        ),
        Step(
            "close",
            "办结",
            frozenset({M.TRACKED}),
            M.CLOSED,
            STAFF,
            "domain.md §5.1 监督法第十七条：跟踪监督完毕",
        ),
    ),
    states=M,
    initial=frozenset({M.PROPOSED}),
    terminal=frozenset({M.REJECTED, M.CLOSED}),
    roles=Role,
    noun="该重大事项",
    policy="supervision.SupervisionPolicy",
)

TABLES = {
    "plan_item": ITEM,
    "opinion": OPINION,
    "followup": FOLLOWUP,
    "budget_warning": WARNING,
    "filing": FILING,
    "matter": MATTER,
}
