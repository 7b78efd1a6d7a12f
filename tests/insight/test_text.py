"""The text pipeline: odd input gives a clear result, never an error (issue 22 "Bad input")."""

from renda.insight import text as T


def test_traditional_becomes_simplified():
    assert T.to_simplified("這個問題請盡快處理") == "这个问题请尽快处理"
    assert T.tokens("學校門口的紅綠燈壞了") == T.tokens("学校门口的红绿灯坏了")


def test_emoji_urls_and_fullwidth_are_removed_or_folded():
    assert T.tokens("😀😀👍") == []
    assert "2020" in T.tokens("２０２０年 https://example.com/x")
    assert not any("http" in t for t in T.tokens("见 https://example.com/x"))


def test_segmented_and_raw_text_give_the_same_words():
    raw = "小区物业乱收费"
    assert T.tokens(" ".join(T.tokens(raw))) == T.tokens(raw)


def test_empty_none_and_very_long_text():
    assert T.tokens(None) == [] and T.tokens("") == [] and T.signal("   ") == 0
    long = "道路破损" * 100_000
    assert len(T.normalise(long)) == T.MAX_CHARS
    assert T.tokens(long)


def test_english_and_mixed_text():
    assert "wifi" in T.tokens("小区WiFi信号差")
    assert T.tokens("the road is broken") == ["the", "road", "is", "broken"]
