"""Chinese names of the surveys app's audit actions, for core.audit_labels (the audit admin reads Chinese)."""

MODULE = ("survey", "问卷")

LABELS = {
    "survey.add_question": "添加问卷题目",
    "survey.add_section": "添加问卷分节",
    "survey.close": "结束问卷",
    "survey.create": "新建问卷",
    "survey.delete_question": "删除问卷题目",
    "survey.invitees": "设置问卷对象",
    "survey.move_question": "调整题目顺序",
    "survey.new_version": "复制为新版本问卷",
    "survey.paper": "录入纸质问卷",
    "survey.publish": "发布问卷",
    "survey.question_published": "设置公开的题目",
    "survey.results_public": "公开问卷结果",
    "survey.settings": "修改问卷设置",
}
