"""misstatements: known serious errors in political names and terms (中国入民, 烈土, 人民代表大人 …)."""

from __future__ import annotations

import re

from checks._security import pages_with_signals, short
from inspector.check import Check, CheckContext
from inspector.model import Evidence, Finding, SiteArtifacts


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    ignore = set(ctx.param("ignore", []))
    findings: list[Finding] = []
    for page, sig in pages_with_signals(a):
        url = page.final_url or page.url
        for m in sig.get("misstatements", []):
            if m.get("wrong") in ignore:
                continue
            ctx_text = m.get("context", "")
            quoted = bool(re.search(r"错写|误写|错误|应为|更正|纠正", ctx_text)) and bool(
                re.search(r"[“\"'‘「]", ctx_text)
            )
            findings.append(
                Finding(
                    check="misstatements",
                    certainty="possible" if quoted else "certain",
                    certainty_reason=(
                        "错误写法出现在引述或更正说明中 / the wrong form is quoted in a correction or bulletin"
                        if quoted
                        else "词典中的已知错误写法，原文照录 / a known wrong form from the dictionary, verbatim"
                    ),
                    url=url,
                    rule=m["wrong"],
                    message_zh=f"严重表述错误：“{m['wrong']}”应为“{m['right']}”",
                    message_en=f"Serious misstatement: '{m['wrong']}' should be '{m['right']}'",
                    evidence=[
                        Evidence(
                            url=url,
                            snippet=short(m.get("context", ""), 120),
                            data={"wrong": m["wrong"], "right": m["right"]},
                        )
                    ],
                )
            )
    return findings


CHECK = Check(
    id="misstatements",
    title_zh="未发现严重表述错误",
    title_en="No serious misstatements",
    failure_zh="存在严重表述错误",
    failure_en="Serious misstatements in published content",
    clause="国办秘函〔2019〕19号 单项否决 1（1）",
    requires=("home", "pages"),
    run=run,
    defaults={"ignore": []},
)
