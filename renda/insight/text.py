"""The text pipeline every insight feature shares: normalise, then segment.

Input may be raw (a voter's message as typed) or already segmented (the shared training file's
`留言内容_分词`, tokens separated by one space): jieba treats spaces as separators, so both give the
same tokens. Nothing here raises on odd input: empty, emoji-only, English, very long or traditional
text all come out as a (possibly empty) token list.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The longest text the pipeline reads: a message longer than this is cut (the model was trained on
# board messages of at most a few thousand characters; reading 1 MB would only cost time).
MAX_CHARS = 6000

# Traditional → simplified, the characters that occur in civic messages (no package for it is
# pinned; opencc would be complete). One-to-one pairs: each character of TRAD maps to the one at the
# same place in SIMP. Characters not listed are kept as they are.
_TRAD = (
    "這個們來時為說國對會學發經後還動過現點種樣從實進見區問題關長開與業當兩沒無麼氣機體頭電話"
    "車場員義產幾線條書數設處網術營買賣錢銀價費農醫療衛藥師傳統環境護導請應該認識讓記錄歷內舊"
    "災難雜級練紅綠藍黃響邊區縣鄉鎮莊廣東華陽陰際療養議辦單態專區風險備貨運輸鐵路橋樑燈號標識"
    "寫讀聽視觀覺親愛壞職稱務權勞動盡辭離婚權與舉職責務團組織戶籍證證據廳齊齒聲隊隨險隱題顧"
    "顯類飯飲館養餘髮鬧魚鳥麥黨齡龍儀億優偉側傷傾億僅價儲兒兇決況凍剛創劃劇勁勝勢區協卻厲參"
    "雙吳員啟喪喚嚴團圍園圖圓堅報場塊塗墊壓壯壽夢夥奪奮婦媽嬰孫寧實審寬寵屬層岡島崗嶺巖幣帥"
    "師帳帶幫庫廟廠廢彈彙徵徹惡惱愛態慣慮慶憂憑憤懷懸戰戲拋據擋擔擊擠擴擁擇擾攜攝敗敵斂斷"
    "暢暫曆曉曠杆條梁棄棟楊業極榮構槍標樂樓樞樹橫檔檢櫃櫥歐歲歸殘殺殼毀氣沖決況涼淨淪湧溝滅"
    "滯滲滿漢漲漸潔潛潤澆澤濁濃濕濟濤濫瀉灣災炮為烏無煉煙熱燒燦營爛爭爺牆獎獨獲環璽瓊產畝畢"
    "畫異當療痺瘡癢盜盞盡監盤眾睜矯礎礙禮禍禪種稅穀穩窮窩竊競筆範築簡簽籃籌糧糾紀約紅紋納紐純"
    "紗紙級紛紡索緊緒縮總績繁織繩繪繼續纜罰罷羅聖聯聰肅脅脈腦腫膽臉臘臨舉艙艱莊莖華萬葉著蓋"
    "蔣薦薩藝蘇蘭處虛蟲蠶術衛衝補裝裡製複襲規視覽訂訃計訊討訓託記訟訪設許訴診註詐評詞詢試詩"
    "誠話誕誘誤說誰課調談請諒論諸謀謂謝謠證譜警譯議護譽讀變讓豐貝負財貢貧貨販貪貫責貯貴貸貿"
    "費賀資賊賓賠賦賬賭賴購賽贊贈趕趙趨躍軌軍軒軟軸較載輔輕輛輝輪輯輸轄轉轟辦辭農迴週逕遊運"
    "過達違遙遞遠適遲遷選遺遼還邁鄰鄭醜釋針釣鈴鉛銅銷鋒鋪鋼錄錢錦錯鍋鍵鍾鎖鎮鏈鐘鑄鑑長門閃閉"
    "開閑間閘閱闆闊闖關闡陣陳陸陽隊階際隨險隱隸雖雞離難雲電霧靈靜頁頂項順須預頓頒頗領頻顆題額"
    "顏願類顧顯風飛飢飯飼飽飾餅館饋饑馬駁駐駕駛騎騙騰驅驗驚體髮鬆鬥鬧鬱魯鮮鳴鴨鴻鵝鹽麗黃點"
)
_SIMP = (
    "这个们来时为说国对会学发经后还动过现点种样从实进见区问题关长开与业当两没无么气机体头电话"
    "车场员义产几线条书数设处网术营买卖钱银价费农医疗卫药师传统环境护导请应该认识让记录历内旧"
    "灾难杂级练红绿蓝黄响边区县乡镇庄广东华阳阴际疗养议办单态专区风险备货运输铁路桥梁灯号标识"
    "写读听视观觉亲爱坏职称务权劳动尽辞离婚权与举职责务团组织户籍证证据厅齐齿声队随险隐题顾"
    "显类饭饮馆养余发闹鱼鸟麦党龄龙仪亿优伟侧伤倾亿仅价储儿凶决况冻刚创划剧劲胜势区协却厉参"
    "双吴员启丧唤严团围园图圆坚报场块涂垫压壮寿梦伙夺奋妇妈婴孙宁实审宽宠属层冈岛岗岭岩币帅"
    "师帐带帮库庙厂废弹汇征彻恶恼爱态惯虑庆忧凭愤怀悬战戏抛据挡担击挤扩拥择扰携摄败敌敛断"
    "畅暂历晓旷杆条梁弃栋杨业极荣构枪标乐楼枢树横档检柜橱欧岁归残杀壳毁气冲决况凉净沦涌沟灭"
    "滞渗满汉涨渐洁潜润浇泽浊浓湿济涛滥泻湾灾炮为乌无炼烟热烧灿营烂争爷墙奖独获环玺琼产亩毕"
    "画异当疗痹疮痒盗盏尽监盘众睁矫础碍礼祸禅种税谷稳穷窝窃竞笔范筑简签篮筹粮纠纪约红纹纳纽纯"
    "纱纸级纷纺索紧绪缩总绩繁织绳绘继续缆罚罢罗圣联聪肃胁脉脑肿胆脸腊临举舱艰庄茎华万叶着盖"
    "蒋荐萨艺苏兰处虚虫蚕术卫冲补装里制复袭规视览订讣计讯讨训托记讼访设许诉诊注诈评词询试诗"
    "诚话诞诱误说谁课调谈请谅论诸谋谓谢谣证谱警译议护誉读变让丰贝负财贡贫货贩贪贯责贮贵贷贸"
    "费贺资贼宾赔赋账赌赖购赛赞赠赶赵趋跃轨军轩软轴较载辅轻辆辉轮辑输辖转轰办辞农回周迳游运"
    "过达违遥递远适迟迁选遗辽还迈邻郑丑释针钓铃铅铜销锋铺钢录钱锦错锅键钟锁镇链钟铸鉴长门闪闭"
    "开闲间闸阅板阔闯关阐阵陈陆阳队阶际随险隐隶虽鸡离难云电雾灵静页顶项顺须预顿颁颇领频颗题额"
    "颜愿类顾显风飞饥饭饲饱饰饼馆馈饥马驳驻驾驶骑骗腾驱验惊体发松斗闹郁鲁鲜鸣鸭鸿鹅盐丽黄点"
)
assert len(_TRAD) == len(_SIMP), (len(_TRAD), len(_SIMP))
_T2S = str.maketrans({t: s for t, s in zip(_TRAD, _SIMP, strict=True) if t != s})

_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\U00002600-\U000027bf\U0001f900-\U0001f9ff\U0000fe00-\U0000fe0f\U0000200d]+"
)
_SPACE = re.compile(r"\s+")
_URL = re.compile(r"https?://\S+|www\.\S+")
_DIGITS = re.compile(r"\d{5,}")  # phone, id and case numbers carry no topic; one token for all

# Tokens that carry no topic: punctuation and the commonest function words. The shared file was
# segmented with one team's stop-word list (which we do not have); this short list brings raw input
# close to the same form, and the character n-grams absorb the rest.
STOP = frozenset(
    [
        "的",
        "了",
        "是",
        "在",
        "我",
        "我们",
        "你",
        "你们",
        "他",
        "她",
        "它",
        "他们",
        "有",
        "和",
        "与",
        "及",
        "或",
        "也",
        "都",
        "就",
        "而",
        "但",
        "还",
        "又",
        "被",
        "把",
        "让",
        "给",
        "对",
        "从",
        "向",
        "到",
        "为",
        "为了",
        "以",
        "等",
        "着",
        "过",
        "这",
        "那",
        "这个",
        "那个",
        "这些",
        "那些",
        "这里",
        "那里",
        "一",
        "一个",
        "个",
        "吗",
        "呢",
        "吧",
        "啊",
        "呀",
        "嘛",
        "么",
        "之",
        "其",
        "所",
        "于",
        "上",
        "下",
        "中",
        "不",
        "没",
        "没有",
        "很",
        "非常",
        "已经",
        "自己",
        "什么",
        "怎么",
        "如何",
        "可以",
        "能",
        "会",
        "要",
        "请",
        "希望",
        "您好",
        "你好",
        "谢谢",
        "尊敬",
        "领导",
        "您",
        "请问",
    ]
)
_PUNCT_CATEGORIES = ("P", "S", "Z", "C")


def to_simplified(text: str) -> str:
    """Traditional characters → simplified, for the characters in the table above."""
    return text.translate(_T2S)


def normalise(text: str | None) -> str:
    """NFKC (full-width → half-width), traditional → simplified, lower-case Latin, no emoji or URLs.

    Whitespace is kept as single spaces, so a segmented text stays segmented.
    """
    if not text:
        return ""
    text = str(text)[:MAX_CHARS]
    text = unicodedata.normalize("NFKC", text)
    text = to_simplified(text)
    text = _URL.sub(" ", text)
    text = _EMOJI.sub(" ", text)
    text = _DIGITS.sub(" 0 ", text)
    return _SPACE.sub(" ", text).strip().lower()


def _jieba():
    import jieba

    jieba.setLogLevel(60)
    return jieba


def _is_word(tok: str) -> bool:
    if not tok or tok in STOP:
        return False
    if len(tok) == 1 and tok.isascii() and tok.isalpha():
        return False  # single Latin letters were dropped from the training file too (A市 → 市)
    return not all(unicodedata.category(c)[0] in _PUNCT_CATEGORIES for c in tok)


@lru_cache(maxsize=20000)  # hot topics and similar items re-read the same messages: segment each once
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(t for t in _jieba().lcut(text) if _is_word(t.strip()))


def tokens(text: str | None) -> list[str]:
    """The words of a text (normalised, segmented by jieba, stop words and punctuation dropped)."""
    norm = normalise(text)
    if not norm:
        return []
    return list(_tokens(norm))


def prepare(text: str | None) -> str:
    """The form the models read: tokens joined by one space."""
    return " ".join(tokens(text))


def chars(prepared: str) -> str:
    """The character stream for character n-grams: the prepared text without the spaces."""
    return prepared.replace(" ", "")


def signal(text: str | None) -> int:
    """How many CJK characters or Latin letters the text has: 0 means there is nothing to read."""
    norm = normalise(text)
    return sum(1 for c in norm if c.isalpha())
