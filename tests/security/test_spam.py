"""Spam words in context and injected keyword runs: the two real seed pages and crackdown news."""

from __future__ import annotations

from pathlib import Path

from inspector.extract.html import parse_html
from inspector.extract.security import default_lexicon, injected_spans, load_lexicon, page_signals

SEED = "realworld/seed-pages-with-injected-spam"


def test_seed_page_a_exact_spans(shared: Path) -> None:
    text = (shared / SEED / "page-a-weishidai.txt").read_text(encoding="utf-8")
    spans = injected_spans(text)
    assert [s["kind"] for s in spans] == ["spam-run", "place-stuffing"]
    assert spans[0]["text"] == (
        "99热精品在线国产_美女午夜性视频免费_国产精品国产高清国产av_av欧美777_"
        "自拍偷自拍亚洲精品老妇_亚洲熟女精品中文字幕_www日本黄色视频网_国产精品野战在线观看"
    )
    assert spans[1]["text"].startswith("全椒县| 天长市|") and spans[1]["text"].endswith("东安县|")
    for s in spans:  # offsets point at exactly the span
        assert text[s["start"] : s["end"]] == s["text"]
    # The article (including its one "_"-joined related-article title) is left alone.
    flagged = "".join(s["text"] for s in spans)
    assert "網絡問政" not in flagged and "面對環" not in flagged


def test_seed_page_b_exact_span(shared: Path) -> None:
    text = (shared / SEED / "page-b-xinjian.txt").read_text(encoding="utf-8")
    spans = injected_spans(text)
    assert [s["text"] for s in spans] == [
        "最近中文2019字幕第二页,艳妇乳肉豪妇荡乳,中日韩高清无专码区2021,中文字幕乱码无码人妻系列蜜桃,曰本极品少妇videossexhd"
    ]


def test_seed_page_as_html_flags_span_not_article(shared: Path) -> None:
    text = (shared / SEED / "page-b-xinjian.txt").read_text(encoding="utf-8")
    html = (
        "<html><head><title>政府网站对群众信件要有去有回</title></head><body>"
        + "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
        + "</body></html>"
    )
    sig = page_signals(parse_html(html, "http://www.x.gov.cn/a.html"), "http://www.x.gov.cn/a.html")
    assert len(sig["spam"]["spans"]) == 1 and sig["spam"]["hits"] == []


def test_crackdown_news_is_not_spam() -> None:
    html = (
        "<title>我市开展打击网络赌博专项行动</title><meta name=keywords content='打击,网络赌博,专项行动'>"
        "<body><p>公安机关严厉打击网络赌博、色情等违法犯罪活动，查处赌场窝点3个。</p>"
        "<p>福利彩票销售情况公告</p></body>"
    )
    sig = page_signals(parse_html(html, "http://www.x.gov.cn/"), "http://www.x.gov.cn/")
    assert sig["spam"]["hits"] == [] and sig["spam"]["spans"] == [] and sig["spam"]["score"] == 0
    assert sig["spam"]["allowed"] >= 2


def test_title_and_hidden_spam_counts() -> None:
    html = (
        "<title>县人民政府_澳门金沙博彩娱乐平台</title><body><div style='display:none'>百家乐 真人荷官</div>"
        "<a href='http://x.example.com/'>皇冠体育</a></body>"
    )
    hits = page_signals(parse_html(html, "http://www.x.gov.cn/"), "http://www.x.gov.cn/")["spam"]["hits"]
    assert {(h["word"], h["where"]) for h in hits} >= {
        ("澳门金沙", "title"),
        ("百家乐", "hidden"),
        ("真人荷官", "hidden"),
        ("皇冠体育", "outbound_anchor"),
    }


def test_generic_advertising_words_are_not_in_the_lexicon(shared: Path) -> None:
    """fwwdn 广告.txt is a false-positive trap: 招聘, 兼职 … are normal government columns."""
    lex = default_lexicon()
    words = (shared / "realworld/spam-lexicons/fwwdn_广告.txt").read_text(encoding="utf-8").split()
    for generic in ("招聘", "兼职", "网络", "代理", "客服", "全职", "网购", "QQ"):
        assert generic in words
        assert lex.find(f"关于公开{generic}工作人员的公告", standalone_only=True) == []


def test_short_ascii_terms_need_boundaries() -> None:
    lex = default_lexicon()
    assert [h.word for h in lex.find("java average hdmi")] == []
    assert [h.word for h in lex.find("国产av")] == ["国产av"]


def test_bad_lexicon_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "lex.toml"
    bad.write_text("[[group]]\ncategory='x'\n", encoding="utf-8")
    try:
        load_lexicon(bad)
    except ValueError as exc:
        assert "bad [[group]]" in str(exc)
    else:
        raise AssertionError("a lexicon without weight/terms must be rejected")
