"""Statutory timeline of supervision per body (domain.md §5), read through core.policy.resolve."""

from django.db import models


class SupervisionPolicy(models.Model):
    body = models.OneToOneField(
        "core.Body", models.CASCADE, related_name="supervision_policy", verbose_name="人大机关"
    )
    draft_days = models.PositiveSmallIntegerField(
        "报告稿送专门委员会（会前天数）", default=20, help_text="监督法第十五条：会议举行的二十日前"
    )
    final_days = models.PositiveSmallIntegerField(
        "报告送常委会（会前天数）", default=10, help_text="监督法第十五条：会议举行的十日前"
    )
    members_days = models.PositiveSmallIntegerField(
        "报告发常委会组成人员（会前天数）", default=7, help_text="监督法第十五条：会议举行的七日前"
    )
    send_days = models.PositiveSmallIntegerField(
        "审议意见交办（会后工作日）",
        default=7,
        help_text="浙江监督条例：主任会议通过后七日内交办（domain.md §5.2）",
    )
    handling_months = models.PositiveSmallIntegerField(
        "专项报告审议意见办理期限（月）", default=3, help_text="河南办法第十一条：三个月内报送办理情况"
    )
    inspection_months = models.PositiveSmallIntegerField(
        "执法检查审议意见办理期限（月）", default=3, help_text="河南办法第四十四条：三个月内报告"
    )
    budget_months = models.PositiveSmallIntegerField(
        "预算审计审议意见办理期限（月）", default=2, help_text="河南办法第三十条：二个月内报告"
    )
    evaluation_days = models.PositiveSmallIntegerField(
        "办理情况报告评价（工作日）", default=20, help_text="本级常委会议事规则：收到办理报告后提请评价"
    )
    followup_months = models.PositiveSmallIntegerField(
        "不满意后整改再报告（月）", default=3, help_text="监督法第十七条：跟踪监督；默认三个月再报告"
    )
    rectify_months = models.PositiveSmallIntegerField(
        "评议整改期限（月）", default=3, help_text="工作评议整改通行做法（domain.md §5.4），可修改"
    )
    hearing_months = models.PositiveSmallIntegerField(
        "问政不满意事项督办期限（月）", default=2, help_text="监督法第五十条：询问意见交有关机关研究处理"
    )
    warning_days = models.PositiveSmallIntegerField(
        "预算预警说明期限（工作日）", default=10, help_text="湖北做法：预警推送单位自查说明（domain.md §5.5）"
    )
    filing_days = models.PositiveSmallIntegerField(
        "规范性文件报备（公布后日数）", default=30, help_text="北京备案审查条例第十一条：公布之日起三十日内"
    )
    check_days = models.PositiveSmallIntegerField(
        "形式审查（日）", default=10, help_text="北京备案审查条例第十二条：十日内"
    )
    review_months = models.PositiveSmallIntegerField(
        "主动审查完成（月）", default=3, help_text="北京备案审查条例第二十三条：三个月内（可延长三个月）"
    )
    correction_days = models.PositiveSmallIntegerField(
        "制定机关纠正答复（日）", default=30, help_text="北京备案审查条例第二十九条：三十日内"
    )
    matter_report_months = models.PositiveSmallIntegerField(
        "重大事项决定执行情况报告（月）",
        default=6,
        help_text="本级讨论决定重大事项规定：决定作出后报告执行情况（监督法第十七条跟踪监督），可修改",
    )
    soon_days = models.PositiveSmallIntegerField(
        "临期提醒（工作日）", default=5, help_text="临近期限前提醒承办单位和工作人员"
    )
    satisfaction_rule = models.CharField(
        "满意度测评计票规则",
        max_length=40,
        default="sc_satisfaction",
        help_text="renda.voting 规则代码；默认镇海区例：满意票超过全体组成人员半数为满意（domain.md §5.3）；"
        "sc_satisfaction_rereport：不满意票过半数须重新报告",
    )
    hearing_rule = models.CharField(
        "网络问政测评计票规则",
        max_length=40,
        default="hearing_live",
        help_text="renda.voting 规则代码：按有效票计算",
    )
    livelihood_rating_rule = models.CharField(
        "民生实事年终测评计票规则",
        max_length=40,
        default="livelihood_rating",
        help_text="renda.voting 规则代码；默认：代表测评，满意票超过有效票半数为满意（wave2-references (b)）",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "监督时限规则"
        verbose_name_plural = "监督时限规则"

    def __str__(self) -> str:
        return f"{self.body} 监督时限"
