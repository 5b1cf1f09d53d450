"""personal-data: unmasked ID, mobile or bank-card numbers published on a page (or its attachments).

One finding per page, listing the values MASKED (1101**********1234, 138****1234): the report must
not repeat the leak. A mobile number introduced as the office's contact line (联系电话：…) is the
agency's own published number and is not counted unless the profile says so.
"""

from __future__ import annotations

from checks._security import pages_with_signals
from inspector.check import Check, CheckContext
from inspector.model import Evidence, Finding, SiteArtifacts

_KIND_ZH = {"id_number": "身份证号", "mobile": "手机号", "bank_card": "银行卡号"}


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    count_contacts = bool(ctx.param("count_contact_mobiles", False))
    kinds = set(ctx.param("kinds", ["id_number", "mobile", "bank_card"]))
    findings: list[Finding] = []
    for page, sig in pages_with_signals(a):
        url = page.final_url or page.url
        hits = [p for p in sig.get("pii", []) if p.get("kind") in kinds and (count_contacts or not p.get("contact"))]
        for att in sig.get("attachments", []):  # filled by the gatherer when attachments were read
            hits += [
                {**p, "attachment": att.get("url") or att.get("path")}
                for p in att.get("hits", [])
                if p.get("kind") in kinds and (count_contacts or not p.get("contact"))
            ]
        if not hits:
            continue
        counts: dict[str, int] = {}
        for p in hits:
            counts[p["kind"]] = counts.get(p["kind"], 0) + 1
        summary_zh = "、".join(f"{_KIND_ZH.get(k, k)}{n}个" for k, n in counts.items())
        summary_en = ", ".join(f"{n} {k}" for k, n in counts.items())
        findings.append(
            Finding(
                check="personal-data",
                url=url,
                message_zh=f"页面公开了未脱敏的个人信息：{summary_zh}",
                message_en=f"Unmasked personal data on the page: {summary_en}",
                evidence=[
                    Evidence(
                        url=p.get("attachment") or url,
                        snippet=p.get("context", p["masked"]),
                        data={"kind": p["kind"], "value": p["masked"]},
                    )
                    for p in hits[:20]
                ],
            )
        )
    return findings


CHECK = Check(
    id="personal-data",
    title_zh="未发现泄露的个人隐私信息",
    title_en="No exposed personal data",
    failure_zh="泄露个人隐私（身份证号、手机号、银行卡号）",
    failure_en="Personal data exposed (ID, mobile or bank-card numbers)",
    clause="隐私泄露（国办通报 2020）",
    requires=("home", "pages"),
    run=run,
    defaults={"count_contact_mobiles": False, "kinds": ["id_number", "mobile", "bank_card"]},
)
