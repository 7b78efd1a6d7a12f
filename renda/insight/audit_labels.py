"""Chinese names of the insight app's audit actions, for core.audit_labels (the audit admin reads Chinese)."""

MODULE = ("insight", "智能分析")

LABELS = {
    "insight.merge": "并案处理",
    "insight.unmerge": "取消并案",
    "insight.model_rollback": "分办模型回退到上一版本",
    "insight.model_trained": "训练分办模型",
    "insight.routing_verdict": "采纳或更正分办建议",
}
