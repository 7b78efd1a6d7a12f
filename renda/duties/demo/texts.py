"""What the demo deputies do, when and where: the years, mean acts a year by type, titles, places."""

YEARS = (2024, 2025, 2026)
# Mean acts a year of an average deputy, by type (declared or automatic; sessions and groups come from activities).
MEANS = {
    "training": 1.6,
    "reception_day": 2.0,
    "voter_contact": 7.0,
    "research": 1.0,
    "practical_project": 1.2,
    "publicity": 1.4,
    "speech": 1.5,
    "suggestion": 2.0,
    "inspection": 1.0,
    # "五个一" asks a yearly report to voters; most deputies give one (the demo once dropped the item instead).
    "report_to_voters": 0.8,
}
TITLES = {
    "training": [
        "参加{county}人大代表履职能力提升培训班",
        "参加市人大代表专题学习班",
        "参加代表小组集中学习《代表法》",
    ],
    "reception_day": ["在{place}代表联络站接待选民", "参加{place}选民接待日活动"],
    "voter_contact": [
        "走访{place}联系户，听取意见",
        "到{place}了解群众对道路改造的意见",
        "走访{place}困难群众",
    ],
    "research": [
        "参加{place}农村人居环境整治专题调研",
        "参加养老服务体系建设专题调研",
        "参加义务教育阶段课后服务调研",
    ],
    "practical_project": [
        "协调解决{place}路灯安装问题",
        "推动{place}饮水安全改造",
        "协调{place}农贸市场排水改造",
    ],
    "publicity": ["在《{county}通讯》发表履职体会文章", "接受县融媒体中心采访宣传代表工作"],
    "speech": ["在常委会会议上就预算执行情况发言", "在代表小组会议上就乡村振兴发言"],
    "suggestion": [
        "关于加快{place}老旧小区改造的建议",
        "关于完善{place}公共交通线路的建议",
        "关于加强农村饮用水安全的建议",
    ],
    "inspection": ["视察{place}重点项目建设", "视察城区污水处理厂运行情况"],
    "report_to_voters": ["在{place}向选民代表报告年度履职情况", "在{place}选民座谈会上述职"],
}
PLACES = [
    "城南社区",
    "城北村",
    "柳溪村",
    "白沙社区",
    "石桥村",
    "龙泉村",
    "桃源社区",
    "凤岭村",
    "东城社区",
    "南湖社区",
]
