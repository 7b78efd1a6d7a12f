"""Columns of the supervision lists' xlsx exports (core.xlsx_export)."""

from renda.core.xlsx_export import Column

OPINIONS = [
    Column("监督事项", "item.title", width=36),
    Column("办理单位", "unit.name"),
    Column("状态", "get_status_display"),
    Column("交办日期", "sent_on"),
    Column("办理报告期限", "report_due"),
    Column("报送日期", "reported_on"),
    Column("测评结果", "get_grade_display"),
    Column("轮次", "round"),
]
FOLLOWUPS = [
    Column("督办事项", "title", width=36),
    Column("来源", "origin"),
    Column("承办单位", "unit.name"),
    Column("期限", "due"),
    Column("状态", "get_status_display"),
    Column("反馈日期", "answered_on"),
    Column("销号日期", "closed_on"),
]
WARNINGS = [
    Column("预警日期", "raised_on"),
    Column("规则", "rule.code"),
    Column("级别", "get_severity_display"),
    Column("单位", "unit.name"),
    Column("预警内容", "message", width=50),
    Column("状态", "get_status_display"),
    Column("说明期限", "explain_due"),
    Column("关闭日期", "closed_on"),
]
FILINGS = [
    Column("文件名称", "title", width=36),
    Column("文号", "number"),
    Column("制定机关", "unit.name"),
    Column("公布日期", "published_on"),
    Column("报备期限", "filing_due"),
    Column("报备日期", "filed_on"),
    Column("审查期限", "review_due"),
    Column("状态", "get_status_display"),
]
MATTERS = [
    Column("重大事项", "title", width=36),
    Column("提请机关", "proposer"),
    Column("提请日期", "proposed_on"),
    Column("状态", "get_status_display"),
    Column("审议会议", "meeting_title", width=36),
    Column("表决结果", "vote_line", width=40),
    Column("决定日期", "decided_on"),
    Column("执行单位", "unit.name"),
    Column("执行情况报告期限", "report_due"),
]
PROJECTS = [
    Column("年度", "year"),
    Column("项目", "title", width=36),
    Column("实施单位", "unit.name"),
    Column("状态", "get_status_display"),
    Column("得票", "votes"),
    Column("计划投资（万元）", "budget"),
    Column("已完成投资（万元）", "spent"),
    Column("形象进度（%）", "progress"),
    Column("年终测评", "get_rating_display"),
    Column("测评票数", "rating_line", width=40),
]
APPRAISEES = [
    Column("年度", "appraisal.year"),
    Column("评议", "appraisal.title", width=32),
    Column("类别", "appraisal.get_kind_display"),
    Column("评议对象", "unit.name", width=24),
    Column("被评议人", "person"),
    Column("职务", "post"),
    Column("排名序列", "list_name"),
    Column("总分", "total"),
    Column("名次", "rank"),
    Column("评议等次", "outcome"),
    Column("处理结果", "consequence", width=30),
    Column("等次依据", "outcome_rule", width=50),
]
CASES = [
    Column("年度", "year"),
    Column("被评查单位", "unit.name", width=24),
    Column("办结案件总数", "total_cases"),
    Column("抽查案件数", "cases"),
    Column("得分（百分制）", "score"),
    Column("瑕疵案件", "flawed"),
    Column("评查意见数", "opinions"),
    Column("评查人员", "reviewers", width=30),
    Column("发现问题", "findings", width=50),
    Column("评查意见", "opinion_text", width=50),
]
PLAN_ITEMS = [
    Column("年度", "plan.year"),
    Column("计划", "plan.title", width=28),
    Column("计划状态", "plan.get_status_display"),
    Column("监督方式", "get_kind_display"),
    Column("议题", "title", width=40),
    Column("专门委员会", "committee.name"),
    Column("监督对象", "unit.name"),
    Column("开始日期", "start"),
    Column("结束日期", "end"),
    Column("提请常委会会议日期", "meeting_date"),
    Column("状态", "get_status_display"),
]
INSPECTIONS = [
    Column("年度", "plan.year"),
    Column("执法检查", "title", width=40),
    Column("检查的法律法规", "law", width=30),
    Column("检查组", "team", width=40),
    Column("检查地点", "sites", width=30),
    Column("开始日期", "start"),
    Column("结束日期", "end"),
    Column("发现的问题", "findings", width=50),
    Column("状态", "get_status_display"),
]
QUESTIONS = [
    Column("问政日期", "hearing.held_on"),
    Column("问政", "hearing.title", width=28),
    Column("顺序", "order"),
    Column("提问人", "asker"),
    Column("代表提问", "from_deputy"),
    Column("问题", "text", width=50),
    Column("答复单位", "unit.name"),
    Column("答复人", "answerer"),
    Column("状态", "get_status_display"),
    Column("测评结果", "get_grade_display"),
    Column("测评依据", "grade_source", width=40),
]
