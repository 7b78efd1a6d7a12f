"""Chinese names of the liaison app's audit actions, for core.audit_labels (issue 14: the audit admin reads
Chinese). The integrator merges LABELS into core.audit_labels.EXACT and MODULE into MODULES; until then an
action shows as its module's name and the code."""

MODULE = ("liaison", "联系代表")

LABELS = {
    "liaison.link": "确定组成人员联系代表",
    "liaison.unlink": "解除联系代表",
    "liaison.record_contact": "登记联系代表情况",
    "liaison.meeting_request": "申请约见国家机关负责人",
    "liaison.meeting_arrange": "安排约见",
    "liaison.meeting_decline": "不予安排约见",
    "liaison.meeting_withdraw": "撤回约见申请",
    "liaison.meeting_hold": "登记约见情况",
    "liaison.meeting_close": "登记约见落实情况并办结",
    "liaison.sitting_create": "登记常委会会议（列席）",
    "liaison.sitting_invite": "按轮换邀请代表列席",
    "liaison.sitting_reply": "代表答复列席邀请",
    "liaison.sitting_attendance": "登记列席情况",
    "liaison.sitting_speech": "登记列席发言",
    "liaison.officer_appoint": "聘任人大联络员",
    "liaison.officer_report": "登记联络员报告或活动",
    "liaison.course_create": "举办培训",
    "liaison.course_invite": "邀请参训",
    "liaison.course_sign_in": "培训签到",
    "liaison.course_material": "上传培训材料",
    "liaison.plan_create": "制定年度代表活动计划",
    "liaison.plan_activity": "安排计划活动",
    "liaison.plan_notify": "发送活动通知",
    "liaison.plan_outcome": "登记计划活动开展情况",
    "liaison.plan_close": "年度活动计划年终总结",
    "liaison.research_topic": "确定专业组调研课题",
    "liaison.research_activity": "登记专业组调研活动",
    "liaison.research_report": "登记调研报告",
    "liaison.station_profile": "登记站点建设情况",
    "liaison.station_check": "检查站点“六有”达标",
    "liaison.policy_save": "修改联系代表参数",
}
