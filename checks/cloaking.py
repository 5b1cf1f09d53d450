"""cloaking (黑链/劫持): spiders or search visitors are served spam the browser does not get.

Reads ``SiteArtifacts.cloaking``: one dict per URL from ``inspector.gather.cloaking.gather_cloaking``
(``diff_variants`` output plus ``url``).
"""

from __future__ import annotations

from inspector.check import Check, CheckContext, NotApplicable
from inspector.model import Evidence, Finding, SiteArtifacts


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    if not a.cloaking:
        raise NotApplicable("未进行搜索引擎爬虫对比抓取", "no spider/referer comparison fetches were made")
    findings: list[Finding] = []
    for diff in a.cloaking:
        url = diff.get("url")
        if diff.get("error"):
            continue
        variants = diff.get("variants", {})
        if diff.get("cloaked"):
            strong = any(v.get("spam_words_added") or v.get("spam_links") for v in variants.values())
            findings.append(
                Finding(
                    check="cloaking",
                    url=url,
                    message_zh="页面对搜索引擎爬虫或搜索来源访客显示不同内容："
                    + "；".join(diff.get("reasons_zh") or diff.get("reasons", [])),
                    message_en="Spiders or search visitors are served different content: "
                    + "; ".join(diff.get("reasons", [])),
                    certainty="certain" if strong else "likely",
                    certainty_reason=(
                        "仅搜索引擎/搜索来源可见违规词或违规词外链 / spam words or spam-worded links only spiders or search visitors see"
                        if strong
                        else "仅见可疑外链或站外跳转，未见违规词 / only dubious links or off-site redirects, no spam word"
                    ),
                    evidence=[
                        Evidence(
                            url=url,
                            snippet=r,
                            data={
                                "variant": r.split(":", 1)[0],
                                **{
                                    k: v
                                    for k, v in variants.get(r.split(":", 1)[0], {}).items()
                                    if k
                                    in ("spam_words_added", "spam_links", "dubious_links", "redirects_added", "status")
                                },
                            },
                        )
                        for r in diff.get("reasons", [])
                    ],
                )
            )
        elif diff.get("notes"):
            findings.append(
                Finding(
                    check="cloaking",
                    url=url,
                    level="info",
                    message_zh="不同访问身份看到的外部链接不同，请人工核查：" + "；".join(diff["notes"]),
                    message_en="Different clients see different outbound links; review: " + "; ".join(diff["notes"]),
                    evidence=[Evidence(url=url, snippet=n) for n in diff["notes"]],
                )
            )
    return findings


CHECK = Check(
    id="cloaking",
    title_zh="未发现仅对搜索引擎显示的黑链或搜索来源劫持",
    title_en="No spider-only content or search-referer hijacking",
    failure_zh="存在针对搜索引擎的劫持（黑链）",
    failure_en="Search-engine cloaking: spam shown to spiders or search visitors only",
    clause="国办秘函〔2019〕19号 单项否决 1（4）",
    requires=("cloaking",),
    run=run,
)
