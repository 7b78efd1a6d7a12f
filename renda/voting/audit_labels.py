"""Chinese names of the voting app's audit actions, for core.audit_labels (the audit admin reads Chinese)."""

MODULE = ("voting", "表决")

LABELS = {
    "voting.announce": "宣布表决结果",
    "voting.change_rule": "更换表决规则",
    "voting.close": "结束表决",
    "voting.create": "新建表决",
    "voting.open": "开始表决",
    "voting.paper": "录入纸质选票结果",
    "voting.paper_void": "纸质选票本轮无效",
    "voting.revote": "重新表决",
    "voting.rule_version": "新增表决规则版本",
    "voting.void": "宣布表决无效",
}
