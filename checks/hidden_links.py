"""hidden-links (暗链): links hidden from visitors that lead to spam or throw-away domains.

Hidden is decided by effect (inspector.extract.security.hidden_links): in the rendered DOM by the
link's computed box, style and position; in raw HTML with CSS inheritance respected. A hidden link
alone is not a defect — collapsed menus, tabs and carousels hide links too. The evidence grades it:

- certain: an outbound hidden link whose anchor, URL or hiding element carries unambiguous spam
  vocabulary (a Chinese lexicon word of weight ≥ 8, or a Latin one such as bet365 when the hiding is
  deliberate — off-screen, 1 px box, tiny font, same colour — rather than a menu state);
- likely: the same with weaker words, a Latin word under a menu-state hiding, a throw-away TLD
  (.tk, .ml …) with no word, or spam words on a hidden *internal* link (planted pages);
- possible: evidence only a browser can confirm (negative z-index, a script that hides what it
  inserts), a link inside an HTML comment, or a farm of many hidden outbound links without words.
Only certain findings veto; the others go to 待人工复核 (see inspector.scoring).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from checks._security import STRONG_WEIGHT, is_chinese, pages_with_signals, short
from inspector.check import Check, CheckContext
from inspector.extract.security._urls import host_of, registrable
from inspector.extract.security.hidden_links import WEAK_TECHNIQUES
from inspector.model import Certainty, Evidence, Finding, SiteArtifacts

# Hiding that ordinary menus, tabs and carousels use (a state the page changes), against deliberate hiding.
UI_STATES = ("display-none", "visibility-hidden", "hidden-attribute", "opacity-0")


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


def base_technique(technique: str | None) -> str:
    return str(technique or "").rsplit("+", 1)[-1]


def grade(h: dict) -> tuple[Certainty, str] | None:
    """How sure a hidden link is a dark link, with the reason; None when it is not one at all."""
    url = str(h.get("url") or "")
    if not url.lower().startswith(("http://", "https://", "www.")):
        return None  # whatsapp://, javascript: … are not links anyone is sent to
    tech = base_technique(h.get("technique"))
    weights: dict[str, int] = h.get("spam_weights") or {w: STRONG_WEIGHT for w in h.get("spam_words") or []}
    strong_zh = [w for w, wt in weights.items() if wt >= STRONG_WEIGHT and is_chinese(w)]
    strong_latin = [w for w, wt in weights.items() if wt >= STRONG_WEIGHT and not is_chinese(w)]
    words = "、".join(sorted(weights))
    if not weights and not h.get("suspicious_tld"):
        return None
    if tech == "html-comment":
        return (
            "possible",
            f"链接只出现在HTML注释中，访客和搜索引擎都看不到 / link only inside an HTML comment ({words or 'throw-away TLD'})",
        )
    if tech in WEAK_TECHNIQUES:
        return "possible", f"隐藏手法（{tech}）只有浏览器能确认 / hiding ({tech}) only a browser can confirm"
    if not h.get("outbound"):
        if strong_zh or strong_latin:
            return (
                "likely",
                f"站内链接被隐藏且含违规词（{words}）：疑似被植入的页面 / hidden internal link with spam words",
            )
        return None
    if strong_zh and not h.get("gov_target"):
        return "certain", f"隐藏的外链文字或网址含违规词：{words} / hidden outbound link with spam words"
    if strong_latin and tech not in UI_STATES and not h.get("gov_target"):
        return (
            "certain",
            f"刻意隐藏（{tech}）的外链含违规词：{words} / deliberately hidden outbound link with spam words",
        )
    if weights:
        return (
            "likely",
            f"隐藏外链含可疑词（{words}），需人工确认 / hidden outbound link with weaker or Latin spam words",
        )
    return "likely", "隐藏外链指向常被用于暗链的免费域名 / hidden outbound link to a throw-away TLD, no spam word"


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    farm = int(ctx.param("link_farm_min", 10))
    findings: list[Finding] = []
    for page, sig in pages_with_signals(a):
        url = page.final_url or page.url
        links = [h for h in sig.get("hidden_links", []) if isinstance(h, dict)]
        graded = [(h, g) for h in links if (g := grade(h)) is not None]
        bad = [h for h, _ in graded]
        deliberate = [
            h
            for h in links
            if h.get("outbound")
            and not h.get("gov_target")
            and h not in bad
            and str(h.get("url", "")).startswith(("http://", "https://"))
            and base_technique(h.get("technique")) not in (*UI_STATES, *WEAK_TECHNIQUES, "html-comment")
        ]
        domains = {registrable(host_of(h.get("url"))) for h in deliberate}
        if len(deliberate) >= farm and len(domains) >= 3:
            reason = (
                f"{len(deliberate)}个刻意隐藏的外链（{len(domains)}个域名）但不含违规词：需人工确认是否为链接农场 / "
                "a farm of deliberately hidden outbound links without spam words"
            )
            graded += [(h, ("possible", reason)) for h in deliberate]
        for h, (certainty, reason) in graded:
            why = "、".join(h.get("spam_words") or []) or ("可疑域名" if h.get("suspicious_tld") else "批量隐藏外链")
            findings.append(
                Finding(
                    check="hidden-links",
                    url=url,
                    rule="link",
                    message_zh=f"页面含隐藏链接（{h.get('technique')}）指向 {h.get('url')}（{why}）",
                    message_en=f"Hidden link ({h.get('technique')}) to {h.get('url')} ({', '.join(h.get('spam_words') or []) or 'suspicious target'})",
                    evidence=[_evidence(url, h)],
                    certainty=certainty,
                    certainty_reason=reason,
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
                        certainty="likely",
                        certainty_reason="跳转目标为常被滥用的免费域名，但未见违规词 / redirect to a throw-away TLD, no spam word",
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
                        certainty="possible",
                        certainty_reason="脚本读取搜索来源，效果未经浏览器验证 / the script reads the referrer; effect not verified",
                    )
                )
        others = [
            h
            for h in links
            if h.get("outbound")
            and not h.get("gov_target")
            and h not in bad
            and h not in deliberate
            and base_technique(h.get("technique")) != "html-comment"
            and urlsplit(str(h.get("url", ""))).scheme in ("http", "https")
        ]
        if others or (deliberate and len(deliberate) < farm):
            shown = others + [h for h in deliberate if h not in bad]
            findings.append(
                Finding(
                    check="hidden-links",
                    url=url,
                    rule="review",
                    level="info",
                    message_zh=f"页面有 {len(shown)} 个隐藏的外部链接（未含违规词），请人工核查",
                    message_en=f"{len(shown)} hidden outbound link(s) without spam words; review them",
                    evidence=[_evidence(url, h) for h in shown[:5]],
                    certainty="possible",
                    certainty_reason="隐藏外链不含违规词，常见于菜单、分享按钮 / hidden outbound links without spam words are common in menus",
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
