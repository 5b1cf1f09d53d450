"""我为政府网站找错 — the home page links the State Council's error-reporting platform (功能设计).

The entry is found as the national 纠错 script (``<script id="_jiucuo_" src=…/exposure/jiucuo.js>``,
also written by ``document.write`` or rendered as ``…jiucuo.png``), a link to the platform
(``…/exposure/jiucuo.html``, ``…/errorInfo/jcInfo/…``, ``www.gov.cn/c125533/…``) or a link saying
我为政府网站找错 (``inspector.extract.find_errors``). A site's own 纠错 page does not count.

Certainty of a missing entry: certain when the footer was read (printed in the raw page, or rendered);
possible when the footer is built by script or held in a frame that was never rendered or read.
"""

from __future__ import annotations

from checks._site import home_links, home_url
from checks.identity_marks import unseen_footer
from inspector.check import Check, CheckContext, NotApplicable
from inspector.extract.find_errors import ENTRY_TEXT, entry_in_links, find_errors_entry, is_entry
from inspector.extract.html import parse_html
from inspector.model import Evidence, Finding, SiteArtifacts

__all__ = ["CHECK", "ENTRY_TEXT", "is_entry"]


def _entry(a: SiteArtifacts) -> tuple[str, str] | None:
    if a.identity is not None and a.identity.find_errors:
        return a.identity.find_errors, a.identity.sources.get("find_errors", "")
    home = a.home
    if home is not None and home.text:  # the page itself: scripts, hidden links and image alts are seen
        return find_errors_entry(parse_html(home.text, home.final_url or home.url))
    return entry_in_links(home_links(a))  # only the crawled links are left


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    if a.home is None or not (a.home.links or a.home.text):
        raise NotApplicable("首页未能获取", "the home page was not fetched")
    if _entry(a) is not None:
        return []
    url = home_url(a)
    unseen = unseen_footer(a.identity) if a.identity is not None else None
    if unseen is not None:
        certainty, reason = "possible", unseen[1]
    else:
        certainty, reason = "certain", "the home page (links, scripts and footer) was read and links no 找错 platform"
    return [
        Finding(
            check="find-errors-entry",
            url=url,
            message_zh="首页未找到“我为政府网站找错”入口",
            message_en="no link to the “我为政府网站找错” platform on the home page",
            evidence=[
                Evidence(
                    url=url,
                    data={
                        "home_links": len(home_links(a)),
                        "footer": a.identity.footer if a.identity else None,
                        "rendered": a.identity.rendered if a.identity else None,
                    },
                )
            ],
            certainty=certainty,  # type: ignore[arg-type]
            certainty_reason=reason,
        )
    ]


CHECK = Check(
    id="find-errors-entry",
    title_zh="首页设有“我为政府网站找错”入口",
    title_en="Home page links “report an error on a government website”",
    failure_zh="首页未设置“我为政府网站找错”入口",
    failure_en="No “report an error on a government website” entry on the home page",
    clause="扣分指标 功能设计·我为政府网站找错",
    requires=("home", "identity"),
    run=run,
)
