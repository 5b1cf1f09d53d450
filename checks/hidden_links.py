"""hidden-links (暗链): links hidden from visitors that lead to spam or throw-away domains.

A hidden link alone is not a defect — collapsed menus and "skip to content" links are hidden too.
It fails when the hidden link's anchor or URL carries a spam word, its host sits on a throw-away TLD,
a page hides many outbound non-government links at once (a link farm), or a script sends visitors
to such a target. Other hidden outbound links are reported as info for a person to look at.
"""

from __future__ import annotations

from checks._security import pages_with_signals, short
from inspector.check import Check, CheckContext
from inspector.model import Evidence, Finding, SiteArtifacts

# Techniques also used by ordinary menus and widgets; the rest exist mainly to hide.
BENIGN_TECHNIQUES = ("display-none", "visibility-hidden", "hidden-attribute", "html-comment")


def _evidence(page_url: str, link: dict) -> Evidence:
    return Evidence(
        url=page_url,
        snippet=short(link.get("html", ""), 300),
        data={
            k: link.get(k)
            for k in ("url", "technique", "style", "text", "container", "spam_words", "source")
            if link.get(k) not in (None, "", [])
        },
    )


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    farm = int(ctx.param("link_farm_min", 10))
    findings: list[Finding] = []
    for page, sig in pages_with_signals(a):
        url = page.final_url or page.url
        links = sig.get("hidden_links", [])
        bad = [
            h
            for h in links
            if (h.get("spam_words") or h.get("suspicious_tld")) and h.get("technique") != "html-comment"
        ]
        deliberate = [
            h
            for h in links
            if h.get("outbound")
            and not h.get("gov_target")
            and h not in bad
            and not str(h.get("technique", "")).endswith(BENIGN_TECHNIQUES)
        ]
        if len(deliberate) >= farm:
            bad += deliberate
        for h in bad:
            why = "、".join(h.get("spam_words") or []) or ("可疑域名" if h.get("suspicious_tld") else "批量隐藏外链")
            findings.append(
                Finding(
                    check="hidden-links",
                    url=url,
                    rule="link",
                    message_zh=f"页面含隐藏链接（{h.get('technique')}）指向 {h.get('url')}（{why}）",
                    message_en=f"Hidden link ({h.get('technique')}) to {h.get('url')} ({', '.join(h.get('spam_words') or []) or 'suspicious target'})",
                    evidence=[_evidence(url, h)],
                )
            )
        for s in sig.get("scripts", []):
            target = s.get("url")
            if s.get("technique") in ("script-redirect", "meta-refresh") and target and s.get("suspicious_tld"):
                findings.append(
                    Finding(
                        check="hidden-links",
                        url=url,
                        rule="redirect",
                        message_zh=f"页面脚本/刷新跳转到可疑网址 {target}",
                        message_en=f"Script or meta-refresh redirect to a suspicious URL {target}",
                        evidence=[Evidence(url=url, snippet=short(s.get("snippet", ""), 300), data=dict(s))],
                    )
                )
            elif s.get("technique") == "referer-hijack":
                findings.append(
                    Finding(
                        check="hidden-links",
                        url=url,
                        rule="referer",
                        level="info",
                        message_zh="页面脚本根据搜索引擎来源（document.referrer）改变行为，请人工核查",
                        message_en="A script changes behaviour for visitors arriving from a search engine; review it",
                        evidence=[Evidence(url=url, snippet=short(s.get("snippet", ""), 300))],
                    )
                )
        others = [
            h
            for h in links
            if h.get("outbound") and not h.get("gov_target") and h not in bad and h.get("technique") != "html-comment"
        ]
        if others:
            findings.append(
                Finding(
                    check="hidden-links",
                    url=url,
                    rule="review",
                    level="info",
                    message_zh=f"页面有 {len(others)} 个隐藏的外部链接（未含违规词），请人工核查",
                    message_en=f"{len(others)} hidden outbound link(s) without spam words; review them",
                    evidence=[_evidence(url, h) for h in others[:5]],
                )
            )
    return findings


CHECK = Check(
    id="hidden-links",
    title_zh="未发现指向色情、赌博等内容的暗链",
    title_en="No hidden links to pornographic or gambling content",
    failure_zh="存在指向色情、赌博等内容的暗链",
    failure_en="Hidden links to pornographic, gambling or throw-away sites",
    clause="国办秘函〔2019〕19号 单项否决 1（3）(4)",
    requires=("home", "pages"),
    run=run,
    defaults={"link_farm_min": 10},
)
