"""Chinese names of the meetings app's audit actions, for core.audit_labels (the audit admin reads Chinese)."""

MODULE = ("meeting", "电子会议")

LABELS = {
    "meeting.add_attendees": "添加参会人员",
    "meeting.add_document": "上传会议文件",
    "meeting.add_item": "添加议程",
    "meeting.approve_minutes": "审定会议纪要",
    "meeting.cancel": "取消会议",
    "meeting.close": "结束会议",
    "meeting.confirm": "确认参会",
    "meeting.create": "新建会议",
    "meeting.current_item": "切换当前议程",
    "meeting.decide_leave": "审批会议请假",
    "meeting.duty_attendance": "出席情况记入履职",
    "meeting.notice": "发出会议通知",
    "meeting.reschedule": "修改会议时间地点",
    "meeting.remove_attendee": "移出参会人员",
    "meeting.observer_withdrawn": "列席代表不参加，移出参会名单",
    "meeting.observers_to_duty": "列席代表加入会议履职活动",
    "meeting.open": "宣布开会",
    "meeting.policy.save": "修改会议规则",
    "meeting.remind": "发送会议提醒",
    "meeting.request_leave": "申请会议请假",
    "meeting.save_minutes": "保存会议纪要",
    "meeting.sign_in": "会议签到",
    "meeting.sign_in_undo": "撤销会议签到",
}
