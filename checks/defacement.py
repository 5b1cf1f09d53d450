"""defacement: a maintenance/closure page, a "hacked by" banner, a spam title, or foreign content.

A maintenance page on the home page means the site is effectively closed (rules §10: 升级改版中 for
months); on an inner page it is a defect of that page. Foreign-content replacement shows as a
government page whose text is almost free of Chinese; English-version pages are skipped.
"""

from __future__ import annotations

import re

from checks._security import pages_with_signals
from inspector.check import Check, CheckContext
from inspector.model import Evidence, Finding, SiteArtifacts

_FOREIGN_OK = re.compile(r"(/en/|/english|//en\.|//english\.|/eng/|lang=en)", re.IGNORECASE)


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    min_share = float(ctx.param("min_chinese_share", 0.1))
    min_letters = int(ctx.param("min_letters", 200))
    min_weight = float(ctx.param("title_min_weight", 8))
    findings: list[Finding] = []
    for page, sig in pages_with_signals(a):
        url = page.final_url or page.url
        d = sig.get("defacement") or {}
        ev = Evidence(url=url, snippet=(page.title or "")[:200], screenshot=page.screenshot)
        if d.get("hacked"):
            findings.append(
                Finding(
                    check="defacement",
                    url=url,
                    rule="hacked",
                    message_zh=f"页面出现篡改标记：{'、'.join(d['hacked'])}",
                    message_en=f"Defacement banner on the page: {', '.join(d['hacked'])}",
                    evidence=[
                        Evidence(url=url, snippet=ev.snippet, screenshot=page.screenshot, data={"markers": d["hacked"]})
                    ],
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
                            url=url, snippet=ev.snippet, screenshot=page.screenshot, data={"markers": d["maintenance"]}
                        )
                    ],
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
            findings.append(
                Finding(
                    check="defacement",
                    url=url,
                    rule="title",
                    message_zh=f"页面标题被篡改，含违规词：{'、'.join(hijacked)}",
                    message_en=f"The page title was tampered with: {', '.join(hijacked)}",
                    evidence=[Evidence(url=url, snippet=ev.snippet, data={"words": hijacked})],
                )
            )
        share = d.get("cjk_share")
        if (
            share is not None
            and share < min_share
            and d.get("letters", 0) >= min_letters
            and not _FOREIGN_OK.search(url)
        ):
            findings.append(
                Finding(
                    check="defacement",
                    url=url,
                    rule="foreign",
                    message_zh=f"政府网站页面内容几乎不含中文（中文字符占比 {share:.0%}），疑似被替换",
                    message_en=f"Government page with almost no Chinese text ({share:.0%} Chinese): replaced content?",
                    evidence=[
                        Evidence(
                            url=url,
                            snippet=ev.snippet,
                            data={"chinese_share": round(share, 3), "letters": d.get("letters")},
                        )
                    ],
                )
            )
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
    defaults={"min_chinese_share": 0.1, "min_letters": 200, "title_min_weight": 8},
)
