"""Chinese names of the dashboards app's audit actions, for core.audit_labels (the audit admin reads Chinese)."""

MODULE = ("dashboards", "领导驾驶舱")

LABELS = {
    "dashboards.template_reset": "恢复年度报告默认模板",
    "dashboards.template_upload": "上传年度报告模板",
    "dashboards.token_create": "创建接口令牌",
    "dashboards.token_revoke": "吊销接口令牌",
}
