"""Choices of the supervision app (domain.md §5)."""

from django.db import models


class Kind(models.TextChoices):
    SPECIAL_REPORT = "special_report", "听取审议专项工作报告"
    INSPECTION = "inspection", "执法检查"
    APPRAISAL = "appraisal", "工作评议·述职评议"
    INQUIRY = "inquiry", "专题询问"
    RESEARCH = "research", "专题调研"
    BUDGET_REVIEW = "budget_review", "预算审查监督"
    FILING_REVIEW = "filing_review", "规范性文件备案审查"


class ItemStatus(models.TextChoices):
    PLANNED = "planned", "计划中"
    PREPARING = "preparing", "准备中"
    HEARD = "heard", "已审议"
    DONE = "done", "已办结"
    CANCELLED = "cancelled", "已取消"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "草案"
    PUBLISHED = "published", "已公布"


class OpinionStatus(models.TextChoices):
    DRAFT = "draft", "起草中"
    SENT = "sent", "已交办"
    REPORTED = "reported", "已报送办理情况"
    SATISFIED = "satisfied", "评价满意，已办结"
    UNSATISFIED = "unsatisfied", "评价不满意，跟踪督办"


class Grade(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class FollowStatus(models.TextChoices):
    OPEN = "open", "督办中"
    ANSWERED = "answered", "已反馈"
    CLOSED = "closed", "已销号"


class WarningStatus(models.TextChoices):
    PUSHED = "pushed", "已推送"
    EXPLAINED = "explained", "单位已说明"
    TRACKING = "tracking", "跟踪督办"
    CLOSED = "closed", "已关闭"


class Severity(models.TextChoices):
    YELLOW = "yellow", "黄色预警"
    RED = "red", "红色预警"


class LineCategory(models.TextChoices):
    BASIC = "basic", "基本支出"
    PROJECT = "project", "项目支出"
    THREE_PUBLIC = "three_public", "三公经费"
    RESERVE = "reserve", "预备费"
    KEY = "key", "重点支出"


class EventKind(models.TextChoices):
    ISSUE_DEPT = "issue_dept", "财政批复部门预算"
    ISSUE_UNIT = "issue_unit", "部门批复所属单位预算"
    TRANSFER_GENERAL = "transfer_general", "下达一般性转移支付"
    TRANSFER_SPECIAL = "transfer_special", "下达专项转移支付"
    RESERVE_USE = "reserve_use", "动用预备费"
    ADJUSTMENT = "adjustment", "预算调整/调剂"
    ADJUSTMENT_DRAFT = "adjustment_draft", "预算调整方案送审"
    SURPLUS_USE = "surplus_use", "超收收入使用"
    CARRYOVER = "carryover", "结转资金"
    CASH = "cash", "提取现金"
    MIDYEAR_REPORT = "midyear_report", "预算执行情况报告"
    DRAFT_BUDGET = "draft_budget", "预算草案送审"
    FINAL_ISSUE = "final_issue", "批复决算"
    DEBT = "debt", "政府债务余额"
    PROCUREMENT = "procurement", "政府采购"


class AppraisalKind(models.TextChoices):
    DEPARTMENT = "department", "部门工作评议"
    OFFICIAL = "official", "任命人员述职评议"


class Outcome(models.TextChoices):
    QUALIFIED = "qualified", "合格"
    BASIC = "basic", "基本合格"
    UNQUALIFIED = "unqualified", "不合格"


class HearingStatus(models.TextChoices):
    COLLECTING = "collecting", "征集问题"
    LIVE = "live", "问政进行中"
    ENDED = "ended", "已结束"


class QuestionStatus(models.TextChoices):
    PROPOSED = "proposed", "已征集"
    ACCEPTED = "accepted", "列入问政"
    ASKED = "asked", "现场问答"
    RATED = "rated", "已测评"
    DECLINED = "declined", "未采用"


class ProjectStatus(models.TextChoices):
    CANDIDATE = "candidate", "候选项目"
    SELECTED = "selected", "票决通过"
    NOT_SELECTED = "not_selected", "未当选"
    DONE = "done", "已完成"


class FilingStatus(models.TextChoices):
    FILED = "filed", "已报备"
    CHECKED = "checked", "形式审查通过"
    RETURNED = "returned", "退回补正"
    REVIEWING = "reviewing", "审查中"
    NO_ISSUE = "no_issue", "审查未发现问题"
    CORRECTION = "correction", "要求纠正"
    CORRECTED = "corrected", "已纠正"
    ANNULLED = "annulled", "已撤销"


class MatterStatus(models.TextChoices):
    PROPOSED = "proposed", "已提请"
    DELIBERATING = "deliberating", "审议中"
    DECIDED = "decided", "已作出决定"
    REJECTED = "rejected", "表决未通过"
    TRACKED = "tracked", "执行跟踪"
    CLOSED = "closed", "已办结"
