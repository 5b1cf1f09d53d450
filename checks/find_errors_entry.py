"""我为政府网站找错 — the home page links the State Council's error-reporting platform (功能设计)."""

from __future__ import annotations

from checks._site import home_links, home_url
from inspector.check import Check, CheckContext, NotApplicable
from inspector.model import Evidence, Finding, SiteArtifacts

ENTRY_TEXT = "我为政府网站找错"
PLATFORM_HINTS = ("zfwzjc", "/c125533/", "wzjc.gov.cn", "zhaocuo")


def is_entry(url: str, text: str) -> bool:
    if ENTRY_TEXT in text.replace(" ", ""):
        return True
    return "gov.cn" in url and any(h in url for h in PLATFORM_HINTS)


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    if a.home is None or not (a.home.links or a.home.text):
        raise NotApplicable("首页未能获取", "the home page was not fetched")
    links = home_links(a)
    entry = next((link for link in links if is_entry(link.url, link.text)), None)
    if entry is not None:
        return []
    url = home_url(a)
    return [
        Finding(
            check="find-errors-entry",
            url=url,
            message_zh="首页未找到“我为政府网站找错”入口",
            message_en="no link to the “我为政府网站找错” platform on the home page",
            evidence=[Evidence(url=url, data={"home_links": len(links)})],
        )
    ]


CHECK = Check(
    id="find-errors-entry",
    title_zh="首页设有“我为政府网站找错”入口",
    title_en="Home page links “report an error on a government website”",
    failure_zh="首页未设置“我为政府网站找错”入口",
    failure_en="No “report an error on a government website” entry on the home page",
    clause="扣分指标 功能设计·我为政府网站找错",
    requires=("home",),
    run=run,
)
