"""V6 服务不实用（1）— the site offers no 办事服务 at all: no service column and no service entry link."""

from __future__ import annotations

import re

from checks._site import home_links, home_url
from inspector.check import Check, CheckContext, NotApplicable
from inspector.model import Evidence, Finding, SiteArtifacts

_SERVICE = re.compile(
    r"办事服务|政务服务|网上办事|办事大厅|一网通办|便民服务|在线办事|办事指南|网上办|我要办|办件"
)


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    if a.home is None or not (a.home.links or a.home.text or a.columns):
        raise NotApplicable("首页未能获取", "the home page was not fetched")
    columns = [c.name for c in a.columns if c.type == "service"]
    links = [link for link in home_links(a) if _SERVICE.search(link.text)]
    if columns or links:
        return []
    url = home_url(a)
    return [
        Finding(
            check="service-offering",
            url=url,
            message_zh="未找到办事服务栏目或入口",
            message_en="no online-service (办事服务) column or entry found",
            evidence=[Evidence(url=url, data={"columns": len(a.columns), "home_links": len(home_links(a))})],
        )
    ]


CHECK = Check(
    id="service-offering",
    title_zh="提供办事服务",
    title_en="Online services offered",
    failure_zh="服务不实用：无办事服务",
    failure_en="Services not practical: no online services",
    clause="单项否决 6（1）",
    requires=("home",),
    run=run,
)
