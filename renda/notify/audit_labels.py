"""Chinese names of the notify app's audit actions, for core.audit_labels (the audit admin reads Chinese)."""

MODULE = ("notify", "消息通知")

LABELS = {
    "notify.retry": "重新发送通知",
    "notify.template": "修改通知模板",
    "notify.preferences": "修改接收通知设置",
    "notify.policy": "修改通知规则",
}
