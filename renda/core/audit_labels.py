"""Chinese names for the audit log's action codes, roles and object types (issue 14: the audit admin reads
Chinese). Workflow actions take their label from the app's own table, so a new step needs no entry here;
an unknown code shows as its module's name and the code."""

import importlib
from functools import cache

from django.apps import apps

from .roles import Role
from .workflow import Step, Workflow

EXACT = {
    "login": "登录",
    "logout": "退出登录",
    "login_failed": "登录失败",
    "login_locked": "登录被锁定",
    "login_rate_limited": "登录过于频繁被限制",
    "otp_enrolment_started": "开始绑定动态口令",
    "otp_enrolled": "绑定动态口令",
    "otp_verified": "动态口令验证通过",
    "otp_failed": "动态口令错误",
    "session_expired": "会话超时退出",
    "refused": "操作被拒绝",
    "audit.verify": "校验审计日志",
    "audit.export": "导出审计日志",
    "audit.scrub": "审计日志去除业务内容",
    "account.create": "开设账号",
    "account.create_admin": "在服务器上开设管理员账号",
    # list exports (core.xlsx_export): who took which list out of the system
    "contact.export": "导出社情民意或接待日列表",
    "duties.export": "导出履职记录、活动、请假或约谈列表",
    "liaison.export": "导出代表联络工作列表",
    "meetings.export": "导出会议列表",
    "core.export": "导出承办单位列表",
    "notify.export": "导出通知发送记录",
    "suggestions.export": "导出建议议案列表",
    "supervision.export": "导出监督事项列表",
    "surveys.export": "导出问卷列表",
    "contact.privacy_erase": "按选民申请删除个人信息",
    "contact.privacy_export": "按选民申请导出个人信息",
    "contact.retention_clear": "到期清除选民个人信息",
    "duty.set_portal": "设置履职情况是否公开",
    "account.activate": "停用或启用账号",
    "account.reset_password": "重置密码",
    "calendar.set_year": "修改节假日安排",
    "security.unlock": "解除登录锁定",
    "core.body.create": "设立人大机构",
    "deputies.export": "导出代表名册或联络站列表",
    "deputies.import": "导入代表名册",
    "deputies.import.check": "上传并校验代表名册",
    "deputies.mandate.update": "修改代表资格",
    "deputies.mandate.stations": "安排代表进站",
    "deputies.station.members": "调整联络站代表",
    "suggestion.policy": "修改建议办理规则",
    "contact.policy.save": "修改留言办理规则",
    "contact.submit": "收到留言",
    "contact.rate": "选民评价",
    "contact.register": "登记来访来电",
    "contact.reception.plan": "安排接待日",
    "contact.reception.publish": "公布接待日",
    "contact.reception.served": "登记接待情况",
    "contact.reception.cancel": "取消接待日",
    "contact.duty.confirm": "代表确认接待",
    "contact.duty.decline": "代表告知不能接待",
    "duty.add_award": "登记表彰奖励",
    "duty.create_activity": "组织活动",
    "duty.declare": "申报履职",
    "duty.resubmit": "重新申报",
    "duty.enter_paper_ballots": "录入纸质评议票",
    "duty.evaluate_year": "年度履职评价",
    "duty.flag_art62": "提示代表资格终止情形",
    "duty.invite_voters": "邀请选民代表",
    "duty.plan_report": "安排述职",
    "duty.publish": "公布履职积分",
    "duty.publish_report_result": "公布述职评议结果",
    "duty.record_attendance": "登记考勤",
    "duty.record_automatic": "自动记入履职",
    "duty.report_attendance": "登记述职到会",
    "duty.request_leave": "请假",
    "duty.save_talk": "记录约谈",
    "duty.save_type": "编辑履职类型",
    "duty.update_rules": "修改积分规则",
}
MODULES = {
    "account": "账号",
    "audit": "审计",
    "calendar": "节假日",
    "contact": "留言",
    "core": "基础设置",
    "deputies": "代表",
    "duty": "履职",
    "security": "安全",
    "suggestion": "建议",
}
VERBS = {
    "create": "新增",
    "update": "修改",
    "delete": "删除",
    "bulk_create": "批量新增",
    "close": "停用",
    "reopen": "重新启用",
}
# Which app's workflow tables name the steps of a module's actions.
WORKFLOW_MODULES = {"suggestion": "renda.suggestions.workflow", "contact": "renda.contact.workflow"}


@cache
def _app_labels() -> tuple[dict[str, str], dict[str, str]]:
    """Labels an app contributes in its own `audit_labels.py` (LABELS: code → name; MODULE: (prefix, name)),
    so a new app names its actions without editing this file."""
    exact: dict[str, str] = {}
    modules: dict[str, str] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("renda.") or config.name == "renda.core":
            continue
        try:
            mod = importlib.import_module(f"{config.name}.audit_labels")
        except ImportError:
            continue
        exact.update(getattr(mod, "LABELS", {}))
        if module := getattr(mod, "MODULE", None):
            modules[module[0]] = module[1]
    return exact, modules


@cache
def _step_labels(module: str) -> dict[str, str]:
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return {}
    labels: dict[str, str] = {}
    for value in vars(mod).values():
        steps = value.steps if isinstance(value, Workflow) else value if isinstance(value, tuple) else ()
        labels.update({s.action: s.label for s in steps if isinstance(s, Step)})
    return labels


@cache
def _duty_labels() -> dict[str, str]:
    try:
        from renda.duties import workflow
        from renda.duties.choices import TriggerStatus
    except ImportError:
        return {}
    labels = {s.action: f"履职申报：{s.label}" for s in workflow.DECLARATION.steps}
    labels |= {f"leave_{s.action}": f"请假：{s.label}" for s in workflow.LEAVE.steps}
    labels |= {f"trigger_{k}": f"履职提示{v}" for k, v in TriggerStatus.choices}
    return labels


@cache
def _change_kinds() -> dict[str, str]:
    try:
        from renda.deputies.choices import ChangeKind
    except ImportError:
        return {}
    return dict(ChangeKind.choices)


def _model_name(name: str) -> str:
    for app in ("deputies", "contact", "duties", "suggestions", "core"):
        try:
            return str(apps.get_model(app, name)._meta.verbose_name)
        except LookupError:
            continue
    return name


def action_label(code: str) -> str:
    if code.startswith("refused:"):
        return f"操作被拒绝（{action_label(code.split(':', 1)[1])}）"
    if code in EXACT:
        return EXACT[code]
    app_exact, app_modules = _app_labels()
    if code in app_exact:
        return app_exact[code]
    module, _, rest = code.partition(".")
    if module in WORKFLOW_MODULES and rest in _step_labels(WORKFLOW_MODULES[module]):
        return _step_labels(WORKFLOW_MODULES[module])[rest]
    if module == "duty" and rest in _duty_labels():
        return _duty_labels()[rest]
    if module == "deputies" and rest.startswith("mandate.") and rest[8:] in _change_kinds():
        return f"代表资格变动：{_change_kinds()[rest[8:]]}"
    if module == "deputies" and "." in rest:
        model, _, verb = rest.rpartition(".")
        if verb in VERBS:
            return f"{VERBS[verb]}{_model_name(model)}"
    name = MODULES.get(module) or app_modules.get(module)
    return f"{name}：{rest}" if name and rest else code


def role_label(code: str) -> str:
    return Role(code).label if code in Role.values else (code or "")


@cache
def object_type_label(object_type: str) -> str:
    if object_type == "refusal":
        return "拒绝代码"
    if object_type == "session":
        return "会话"
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


def field_labels(object_type: str, names) -> list[str]:
    """The changed fields by their Chinese names where the model has one."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        model = None
    out = []
    for name in names:
        label = "附言" if name == "note" else name
        if model is not None and name != "note":
            try:
                label = str(model._meta.get_field(name.removesuffix("_id")).verbose_name)
            except Exception:  # not a model field (a count, a derived value): keep the code
                label = name
        out.append(label)
    return out
