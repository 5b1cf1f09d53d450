"""spam-content: gambling / porn / illegal-trade words injected into a page.

Counts only words in suspicious places (title, meta keywords/description, hidden elements, outbound
anchors) and injected keyword runs or place-name stuffing; words in visible running text — a
report on 打击网络赌博 — never count (see inspector.extract.security.spam).
"""

from __future__ import annotations

from checks._security import pages_with_signals, short
from inspector.check import Check, CheckContext
from inspector.model import Evidence, Finding, SiteArtifacts

_WHERE_ZH = {
    "title": "标题",
    "meta": "关键词/描述元数据",
    "hidden": "隐藏元素",
    "outbound_anchor": "外链文字",
    "spider_only": "仅对搜索引擎显示的内容",
}


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    min_weight = float(ctx.param("min_weight", 8))
    min_score = float(ctx.param("min_score", 15))
    flag_stuffing = bool(ctx.param("flag_place_stuffing", True))
    findings: list[Finding] = []
    for page, sig in pages_with_signals(a):
        url = page.final_url or page.url
        spam = sig.get("spam") or {}
        for span in spam.get("spans", []):
            if span.get("kind") == "place-stuffing" and not flag_stuffing:
                continue
            kind_zh = "植入的色情/赌博关键词串" if span.get("kind") == "spam-run" else "植入的地名关键词堆砌（站群SEO）"
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
                )
            )
        hits = spam.get("hits", [])
        strong = [h for h in hits if h.get("weight", 0) >= min_weight]
        if strong or (hits and spam.get("score", 0) >= min_score):
            shown = strong or hits
            words = "、".join(sorted({h["word"] for h in shown}))
            places = "、".join(sorted({_WHERE_ZH.get(h["where"], h["where"]) for h in shown}))
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
