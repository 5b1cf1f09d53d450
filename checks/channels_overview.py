"""Information: several disconnected interaction channels on one site (办理机制各成体系).

Each board with its own submit form or message list on a different host or path is a separate
handling system for citizens; listed for the report, never scored.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from inspector.check import Check, CheckContext
from inspector.model import Evidence, Finding, SiteArtifacts

KIND_ZH = {
    "consultation": "咨询",
    "suggestion": "建言",
    "mailbox": "信箱",
    "complaint": "投诉",
    "petition": "信访",
    "discipline": "纪检举报",
    "survey": "调查征集",
    "interview": "在线访谈",
}


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    live = [
        b
        for b in a.boards
        if b.error is None and (b.submit_form is not None or b.messages) and b.kind in tuple(ctx.param("kinds"))
    ]
    systems = {(urlsplit(b.url).netloc, urlsplit(b.url).path.rsplit("/", 1)[0]) for b in live}
    if len(live) < int(ctx.param("min_channels")) or len(systems) < 2:
        return []
    names_zh = "、".join(f"{b.name}（{KIND_ZH.get(b.kind, b.kind)}）" for b in live)
    hosts = sorted({urlsplit(b.url).netloc for b in live})
    return [
        Finding(
            check="channels-overview",
            level="info",
            url=a.site,
            message_zh=f"网站有{len(live)}个互不连通的互动渠道，办理机制各成体系：{names_zh}",
            message_en=f"{len(live)} separate interaction channels on {len(hosts)} host(s), each with its own handling",
            evidence=[
                Evidence(
                    url=b.url,
                    snippet=b.name,
                    data={
                        "kind": b.kind,
                        "host": urlsplit(b.url).netloc,
                        "messages": len(b.messages),
                        "form": b.submit_form is not None,
                    },
                )
                for b in live
            ],
        )
    ]


CHECK = Check(
    id="channels-overview",
    title_zh="互动渠道概况",
    title_en="Interaction channels overview",
    failure_zh="互动渠道分散，办理机制各成体系",
    failure_en="Several disconnected interaction channels",
    clause="信息 互动交流",
    requires=("boards",),
    run=run,
    defaults={"min_channels": 2, "kinds": ["consultation", "suggestion", "mailbox", "complaint"]},
)
