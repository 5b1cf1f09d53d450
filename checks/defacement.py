"""defacement: a "hacked by" banner, a spam title, a maintenance/closure page, or the site's own
content replaced.

Language is not evidence: a page in English or another language is normal for a government site
(foreign-language editions exist). "Replaced" needs evidence that the site's own content is gone:
the page shows neither the site's name, nor its identity marks (ICP/公网安备/网站标识码), nor the
navigation its other pages share, while the site's other pages do. That comparison needs at least
``min_pages`` other pages, so a single page is never judged replaced.

Certainty: a defacement banner in the title or as the page's whole message is certain; a title with
several unambiguous Chinese spam words is certain (one word: likely). A maintenance page is a fact
of the moment, not of "long closed" (one visit cannot tell): likely. Replaced content is likely:
待人工复核, never a veto without a person.
"""

from __future__ import annotations

from collections import Counter

from checks._security import STRONG_WEIGHT, is_chinese, pages_with_signals
from inspector.check import Check, CheckContext
from inspector.model import Evidence, Finding, Page, SiteArtifacts


def _site_name(a: SiteArtifacts) -> str | None:
    name = (a.identity.site_name if a.identity else None) or (a.home.meta.get("SiteName") if a.home else None)
    if not name and a.home and a.home.title:
        name = a.home.title.replace("—", "-").replace("_", "-").split("-")[0].strip()
    return name if name and len(name) >= 3 else None


def _own_marks(page: Page, sig: dict, name: str | None, template: set[str]) -> dict[str, bool]:
    links = {lk.url for lk in page.links if lk.tag == "a"}
    return {
        "site_name": bool(name) and (name in (page.title or "") or name in (page.visible_text or "")),  # type: ignore[operator]
        "identity_marks": bool((sig.get("defacement") or {}).get("marks")),
        "navigation": bool(template) and len(links & template) >= max(1, len(template) // 5),
    }


def _replaced(a: SiteArtifacts, pages: list[tuple[Page, dict]], min_pages: int) -> list[Finding]:
    ok = [(p, s) for p, s in pages if p.ok and (p.visible_text or p.links)]
    if len(ok) < min_pages + 1:
        return []
    counts = Counter(url for p, _ in ok for url in {lk.url for lk in p.links if lk.tag == "a"})
    template = {u for u, n in counts.items() if n >= 0.6 * len(ok)}
    name = _site_name(a)
    marks = {id(p): _own_marks(p, s, name, template) for p, s in ok}
    out = []
    for p, _s in ok:
        own = marks[id(p)]
        if any(own.values()):
            continue
        others = [m for q, _ in ok if q is not p for m in [marks[id(q)]]]
        if sum(1 for m in others if sum(m.values()) >= 2) < 0.8 * len(others):
            continue  # the site's pages do not share marks consistently: nothing to compare with
        url = p.final_url or p.url
        out.append(
            Finding(
                check="defacement",
                url=url,
                rule="replaced",
                message_zh="页面不含本站名称、网站标识和本站其他页面共有的导航，疑似内容被替换",
                message_en="The page shows neither the site's name, its identity marks nor the navigation its other pages share: replaced content?",
                evidence=[
                    Evidence(
                        url=url,
                        snippet=(p.title or "")[:200],
                        screenshot=p.screenshot,
                        data={"site_name": name, "template_links": len(template), "pages_compared": len(others), **own},
                    )
                ],
                certainty="likely",
                certainty_reason="与本站其他页面比较得出，需人工确认是否为被替换的页面（外文版、专题页也可能如此） / "
                "judged against the site's other pages; a foreign-language edition or a campaign page may look the same",
            )
        )
    return out


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    min_weight = float(ctx.param("title_min_weight", STRONG_WEIGHT))
    findings: list[Finding] = []
    pages = list(pages_with_signals(a))
    for page, sig in pages:
        url = page.final_url or page.url
        d = sig.get("defacement") or {}
        if d.get("hacked"):
            findings.append(
                Finding(
                    check="defacement",
                    url=url,
                    rule="hacked",
                    message_zh=f"页面出现篡改标记：{'、'.join(d['hacked'])}",
                    message_en=f"Defacement banner on the page: {', '.join(d['hacked'])}",
                    evidence=[
                        Evidence(
                            url=url,
                            snippet=(page.title or "")[:200],
                            screenshot=page.screenshot,
                            data={"markers": d["hacked"]},
                        )
                    ],
                    certainty="certain",
                    certainty_reason="篡改标记位于标题或就是页面的全部内容 / the banner is the title or the page's whole message",
                )
            )
        if d.get("maintenance"):
            findings.append(
                Finding(
                    check="defacement",
                    url=url,
                    rule="maintenance",
                    message_zh=f"页面显示维护/关闭提示：{'、'.join(d['maintenance'])}",
                    message_en=f"The page is a maintenance/closure notice: {', '.join(d['maintenance'])}",
                    evidence=[
                        Evidence(
                            url=url,
                            snippet=(page.title or "")[:200],
                            screenshot=page.screenshot,
                            data={"markers": d["maintenance"]},
                        )
                    ],
                    certainty="likely",
                    certainty_reason="一次访问只能说明此刻在维护，不能说明长期关闭 / one visit shows maintenance now, not a long closure",
                )
            )
        hijacked = sorted(
            {
                h["word"]
                for h in (sig.get("spam") or {}).get("hits", [])
                if h.get("where") == "title" and h.get("weight", 0) >= min_weight
            }
        )
        if hijacked:
            # The page's own title now advertises gambling/porn: the page was tampered with (篡改).
            several = len([w for w in hijacked if is_chinese(w)]) >= 2
            findings.append(
                Finding(
                    check="defacement",
                    url=url,
                    rule="title",
                    message_zh=f"页面标题被篡改，含违规词：{'、'.join(hijacked)}",
                    message_en=f"The page title was tampered with: {', '.join(hijacked)}",
                    evidence=[Evidence(url=url, snippet=(page.title or "")[:200], data={"words": hijacked})],
                    certainty="certain" if several else "likely",
                    certainty_reason=(
                        "标题含多个明确的违规词 / several unambiguous spam words in the title"
                        if several
                        else "标题只含一个违规词，可能是新闻标题 / one spam word in the title: it may be a news headline"
                    ),
                )
            )
    findings += _replaced(a, pages, int(ctx.param("min_pages", 3)))
    return findings


CHECK = Check(
    id="defacement",
    title_zh="未发现网页被篡改或长期维护关闭",
    title_en="No defaced, replaced or maintenance-only pages",
    failure_zh="网页被篡改、被替换或显示维护关闭",
    failure_en="Defaced, replaced or maintenance-only pages",
    clause="国办秘函〔2019〕19号 单项否决 1（4）",
    requires=("home", "pages", "identity"),
    run=run,
    defaults={"title_min_weight": 8, "min_pages": 3},
)
