"""Chinese names of the meetings app's audit actions, for core.audit_labels (issue 14: the audit admin reads
Chinese). Actions not listed show as the module's name and the code."""

MODULE = ("meeting", "电子会议")

LABELS = {
    "meeting.create": "筹备会议",
    "meeting.add_attendees": "确定参会人员",
    "meeting.add_item": "编排议程",
    "meeting.add_document": "上传会议材料",
    "meeting.reschedule": "修改会议时间地点",
    "meeting.remove_attendee": "移出参会人员",
}
