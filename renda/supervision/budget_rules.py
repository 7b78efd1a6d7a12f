"""The budget-warning rules B1–B17 (wave2-references.md (b), domain.md §5.5) as default policy data.

Each rule carries its article; its numbers are `params`. A body's rules are a versioned RuleSet made from
these defaults on first use; a revision is a new version (old warnings keep the rule row that raised them).
"""

DEFAULTS = [
    ("B1", "部门预算批复超时", "预算法第五十二条第一款", {"dept_days": 20, "unit_days": 15}, "red"),
    ("B2", "转移支付下达超时", "预算法第五十二条第三、四款", {"general_days": 30, "special_days": 60}, "red"),
    ("B3", "预备费超出法定比例", "预算法第四十条", {"min_pct": 1, "max_pct": 3}, "red"),
    ("B4", "预备费动用未经政府决定", "预算法第六十四条、第七十九条第九项", {}, "red"),
    (
        "B5",
        "应作预算调整而未经常委会批准",
        "预算法第六十七条、第六十九—七十条",
        {"purposes": ["增加总支出", "减少总支出", "调入预算稳定调节基金", "调减重点支出", "增加举借债务"]},
        "red",
    ),
    ("B6", "预算调整方案送审过晚", "预算法第六十九条", {"days": 30}, "yellow"),
    (
        "B7",
        "超收收入用于法定以外用途",
        "预算法第六十六条",
        {"allowed": ["冲减赤字", "补充预算稳定调节基金"]},
        "red",
    ),
    ("B8", "结转资金连续两年未使用", "预算法第四十二条", {"years": 2}, "yellow"),
    (
        "B9",
        "预算科目间调剂未履行程序",
        "预算法第七十二条",
        {"purposes": ["科目调剂", "级次调剂", "项目调剂"]},
        "yellow",
    ),
    (
        "B10",
        "年底突击花钱",
        "广东人大预算联网监督案例（1—11月＜50%且12月＞50%）",
        {"jan_nov_pct": 50, "dec_pct": 50},
        "red",
    ),
    (
        "B11",
        "项目季度零支出",
        "湖北预算联网监督做法（domain.md §5.5）",
        {"categories": ["project"]},
        "yellow",
    ),
    ("B12", "三公经费超预算、债务超限额、采购不规范", "广东人大预算联网监督案例（“亮红灯”）", {}, "red"),
    (
        "B13",
        "大额或可疑提取现金",
        "青浦区预算联网监督指标；县财政局现金限额规定",
        {"suspicious": ["个人账户", "无合同", "用途不明"]},
        "red",
    ),
    (
        "B14",
        "执行进度慢于序时进度",
        "renda 默认（无公开阈值）：低于序时进度10个百分点黄色、20个百分点红色",
        {"yellow_points": 10, "red_points": 20, "categories": ["basic", "project", "key", "three_public"]},
        "yellow",
    ),
    (
        "B15",
        "预算执行情况报告时间不符",
        "预算法第八十六条（每年六月至九月期间报告）",
        {"months": [6, 7, 8, 9]},
        "yellow",
    ),
    ("B16", "预算草案送审过晚", "预算法第四十四条", {"days": 30}, "yellow"),
    ("B17", "决算批复超时", "预算法第八十条", {"dept_days": 20, "unit_days": 15}, "yellow"),
]
