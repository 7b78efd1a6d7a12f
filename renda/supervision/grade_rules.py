"""Default grade rules of appraisals (评议等次), written for a body on first use (`services.appraisal.rule_for`).

Officials (述职评议): 合格 / 基本合格 / 不合格, and seed 001's decision "对代表评议不合格的一律免职，对评议中干部
存在的问题由组织部提醒谈话". Departments (工作评议): 优秀 / 良好 / 一般 / 差 (domain.md §5.4, the score-and-rank
pattern; Wuding grades its officials 优秀/称职). Thresholds are renda defaults [no statute]: a body revises
them as a new version.
"""

DEFAULTS = {
    "official": {
        "name": "任命人员述职评议等次",
        "article": "本级人大常委会任命人员述职评议办法（县委决定：评议不合格的一律免职，存在问题的由组织部提醒谈话）",
        "bands": [
            {"label": "合格", "min": 75, "consequence": ""},
            {"label": "基本合格", "min": 60, "consequence": "由组织部门提醒谈话，限期改进"},
            {"label": "不合格", "min": 0, "consequence": "依法提请免职"},
        ],
    },
    "department": {
        "name": "部门工作评议等次",
        "article": "本级人大常委会部门工作评议办法（评分排队，按总分确定等次；domain.md §5.4）",
        "bands": [
            {"label": "优秀", "min": 90, "consequence": ""},
            {"label": "良好", "min": 80, "consequence": ""},
            {"label": "一般", "min": 70, "consequence": "书面提出改进意见"},
            {"label": "差", "min": 0, "consequence": "约谈单位主要负责人，限期整改并报告"},
        ],
    },
}
