"""Counting rules supervision adds to renda.voting's rule table (data, versioned there like its own defaults).

A body that counts differently adds a new version of the code on the voting rules page; a poll keeps the row
it was opened with. Written on first use (`services.votes.rule_row`), so no other app's migration is touched.
"""

LIVELIHOOD_RATING = {
    "code": "livelihood_rating",
    "name": "民生实事项目年终满意度测评（代表测评）",
    "base": "votes_cast",
    "threshold_num": 1,
    "threshold_den": 2,
    "strict": True,
    "quorum_num": 1,
    "quorum_den": 2,
    "quorum_on": "voted",
    "tie": "fails",
    "scale": ["满意", "基本满意", "不满意"],
    "outcomes": [
        {"label": "满意", "counts": ["满意"], "then": ""},
        {"label": "基本满意", "counts": ["满意", "基本满意"], "then": ""},
        {"label": "不满意", "counts": [], "then": "supervise"},
    ],
    "article": "本级民生实事项目人大代表票决制实施办法（年终由代表对项目完成情况进行满意度测评：满意票超过有效票"
    "半数为满意；满意与基本满意票之和超过有效票半数为基本满意；否则为不满意，列入督办）",
    "note": "wave2-references.md (b) 三明“群众提、代表决、政府办、人大督”；domain.md §5.3 满意度测评也用于民生实事。"
    "renda 默认：参加测评的代表须超过全体代表半数，测评有效。",
}

RULES = {LIVELIHOOD_RATING["code"]: LIVELIHOOD_RATING}
