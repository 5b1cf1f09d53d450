"""personal-data: unmasked ID, mobile or bank-card numbers published on a page (or its attachments).

One finding per page, listing the values MASKED (1101**********1234, 138****1234): the report must
not repeat the leak. Published contact numbers are not leaks: a mobile number in a clause labelled
电话/举报电话/联系电话/热线/传真 …, or the same number on several pages of the site (a footer), is the
agency's own contact line and is not counted (unless the profile says so).

Certainty: an ID number that passes its GB 11643 check digit with a plausible birth date is certain;
a bank-card number (Luhn + issuer prefix) is likely; an unlabelled mobile number is likely when the
page lists several of them or also an ID number (a 公示 table), else possible (one number in an
article is as often a contact person as a leak): possible findings are shown, not scored.
"""

from __future__ import annotations

from collections import Counter

from checks._security import pages_with_signals
from inspector.check import Check, CheckContext
from inspector.model import Certainty, Evidence, Finding, SiteArtifacts

_KIND_ZH = {"id_number": "身份证号", "mobile": "手机号", "bank_card": "银行卡号"}


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    count_contacts = bool(ctx.param("count_contact_mobiles", False))
    kinds = set(ctx.param("kinds", ["id_number", "mobile", "bank_card"]))
    site_wide = int(ctx.param("site_wide_pages", 3))
    pages = list(pages_with_signals(a))
    # A mobile number printed on several pages is the site's footer contact, not a leak.
    spread = Counter(
        p["masked"]
        for _, sig in pages
        for p in {x["masked"]: x for x in sig.get("pii", []) if x.get("kind") == "mobile"}.values()
    )
    repeated = (
        {m for m, n in spread.items() if n >= min(site_wide, max(2, len(pages) // 2))} if len(pages) > 1 else set()
    )
    findings: list[Finding] = []
    for page, sig in pages:
        url = page.final_url or page.url

        def keep(p: dict) -> bool:
            if p.get("kind") not in kinds:
                return False
            if p.get("kind") == "mobile" and not count_contacts:
                return not p.get("contact") and p.get("masked") not in repeated
            return True

        hits = [p for p in sig.get("pii", []) if keep(p)]
        for att in sig.get("attachments", []):  # filled by the gatherer when attachments were read
            hits += [{**p, "attachment": att.get("url") or att.get("path")} for p in att.get("hits", []) if keep(p)]
        if not hits:
            continue
        counts: dict[str, int] = {}
        for p in hits:
            counts[p["kind"]] = counts.get(p["kind"], 0) + 1
        mobiles = len({p["masked"] for p in hits if p["kind"] == "mobile"})
        certainty: Certainty
        if counts.get("id_number"):
            certainty, reason = (
                "certain",
                "身份证号校验位有效且出生日期合理 / ID numbers with a valid check digit and birth date",
            )
        elif counts.get("bank_card") or mobiles >= 2:
            certainty, reason = (
                "likely",
                "银行卡号（Luhn校验）或多个未标注为联系电话的手机号 / card numbers or several unlabelled mobiles",
            )
        else:
            certainty, reason = (
                "possible",
                "仅一个未标注的手机号，可能是联系人电话 / one unlabelled mobile: often a contact person",
            )
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
                certainty=certainty,
                certainty_reason=reason,
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
    defaults={"count_contact_mobiles": False, "kinds": ["id_number", "mobile", "bank_card"], "site_wide_pages": 3},
)
