"""spam-content: gambling / porn / illegal-trade words injected into a page.

Counts only words in suspicious places (title, meta keywords/description, hidden elements, outbound
anchors) and injected keyword runs or place-name stuffing; words in visible running text — a
report on 打击网络赌博 — never count (see inspector.extract.security.spam). Words match on word
boundaries (jieba for Chinese), and a crackdown context (打击、整治 …) makes a hit harmless.

Certainty: an injected keyword run with an unambiguous Chinese spam word is certain; so are two or
more distinct unambiguous Chinese words in the title, the meta tags or deliberately hidden text (a
person would sign that). One such word alone, Latin words ("porn" is also a news word), words in a
visible outbound anchor or in a menu-state hidden element, and place-name stuffing are likely:
待人工复核, never a veto on their own.
"""

from __future__ import annotations

from checks._security import STRONG_WEIGHT, is_chinese, pages_with_signals, short
from inspector.check import Check, CheckContext
from inspector.model import Certainty, Evidence, Finding, SiteArtifacts

_WHERE_ZH = {
    "title": "标题",
    "meta": "关键词/描述元数据",
    "hidden": "隐藏元素",
    "outbound_anchor": "外链文字",
    "spider_only": "仅对搜索引擎显示的内容",
}
_UI_STATES = ("display-none", "visibility-hidden", "hidden-attribute", "opacity-0")


def keywords_certainty(hits: list[dict], min_weight: float) -> tuple[Certainty, str]:
    """The strongest evidence among located hits: see the module doc."""
    strong = {h["word"] for h in hits if h.get("weight", 0) >= min_weight and is_chinese(h["word"])}
    for where in ("title", "meta", "hidden"):
        here = [
            h
            for h in hits
            if h.get("where") == where
            and h.get("weight", 0) >= min_weight
            and is_chinese(h["word"])
            and not (where == "hidden" and str(h.get("technique") or "").rsplit("+", 1)[-1] in _UI_STATES)
        ]
        words = sorted({h["word"] for h in here})
        if len(words) >= 2:
            return (
                "certain",
                f"{_WHERE_ZH[where]}含多个明确的违规词：{'、'.join(words)} / several unambiguous spam words in the {where}",
            )
    if strong:
        return (
            "likely",
            f"仅一个明确违规词或位置不够确定（{'、'.join(sorted(strong))}），需人工确认 / one unambiguous word, or a weaker place",
        )
    return (
        "likely",
        "只有较弱或拉丁字母的违规词（也可能是新闻用语） / only weaker or Latin words (also news vocabulary)",
    )


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    min_weight = float(ctx.param("min_weight", STRONG_WEIGHT))
    min_score = float(ctx.param("min_score", 15))
    flag_stuffing = bool(ctx.param("flag_place_stuffing", True))
    findings: list[Finding] = []
    for page, sig in pages_with_signals(a):
        url = page.final_url or page.url
        spam = sig.get("spam") or {}
        for span in spam.get("spans", []):
            if span.get("kind") == "place-stuffing" and not flag_stuffing:
                continue
            run_kind = span.get("kind") == "spam-run"
            kind_zh = "植入的色情/赌博关键词串" if run_kind else "植入的地名关键词堆砌（站群SEO）"
            terms = span.get("terms") or []
            sure = run_kind and any(is_chinese(t) for t in terms)
            findings.append(
                Finding(
                    check="spam-content",
                    url=url,
                    rule=span.get("kind"),
                    message_zh=f"页面含{kind_zh}：{short(span.get('text', ''), 60)}",
                    message_en=f"Injected {span.get('kind')} on the page: {short(span.get('text', ''), 60)}",
                    evidence=[
                        Evidence(
                            url=url,
                            snippet=short(span.get("text", ""), 400),
                            data={k: span.get(k) for k in ("kind", "terms", "tokens", "start", "end")},
                        )
                    ],
                    certainty="certain" if sure else "likely",
                    certainty_reason=(
                        f"以分隔符连接的色情/赌博词串（{'、'.join(terms[:8])}），不是正文 / a separator-joined spam keyword run"
                        if sure
                        else "地名堆砌是站群SEO的迹象，但本身不是赌博色情内容 / place-name stuffing: a sign of SEO spam, not gambling or porn itself"
                    ),
                )
            )
        hits = spam.get("hits", [])
        strong = [h for h in hits if h.get("weight", 0) >= min_weight]
        if strong or (hits and spam.get("score", 0) >= min_score):
            shown = strong or hits
            words = "、".join(sorted({h["word"] for h in shown}))
            places = "、".join(sorted({_WHERE_ZH.get(h["where"], h["where"]) for h in shown}))
            certainty, reason = keywords_certainty(hits, min_weight)
            findings.append(
                Finding(
                    check="spam-content",
                    url=url,
                    rule="keywords",
                    message_zh=f"页面{places}中含违规词：{words}",
                    message_en=f"Spam words in the page's {', '.join(sorted({h['where'] for h in shown}))}: {words}",
                    evidence=[
                        Evidence(
                            url=url,
                            snippet=short(h.get("context", ""), 200),
                            data={k: h.get(k) for k in ("word", "category", "weight", "where", "url") if h.get(k)},
                        )
                        for h in shown[:10]
                    ],
                    certainty=certainty,
                    certainty_reason=reason,
                )
            )
    return findings


CHECK = Check(
    id="spam-content",
    title_zh="未发现被植入的赌博、色情等违法内容",
    title_en="No injected gambling or pornographic content",
    failure_zh="页面被植入赌博、色情等违法内容",
    failure_en="Injected gambling, pornographic or illegal-trade content",
    clause="国办秘函〔2019〕19号 单项否决 1（3）(4)",
    requires=("home", "pages"),
    run=run,
    defaults={"min_weight": 8, "min_score": 15, "flag_place_stuffing": True},
)
