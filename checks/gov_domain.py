"""网站域名 — the site's final host must be a .gov.cn (or .政务) domain (国办发〔2017〕47号).

The served host decides. A page's own claims (meta SiteDomain) never stand in for what the crawler
observed: when the audited host is an IP or loopback (a test or intranet copy), the declared domain
is reported as "possible" (shown, not scored), and a page served under a .gov.cn host that claims a
different SiteDomain is itself a finding (information, for a person to look at).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from checks._site import home_url
from inspector.check import Check, CheckContext, NotApplicable
from inspector.model import Evidence, Finding, SiteArtifacts

GOV_SUFFIXES = (".gov.cn", ".政务", ".xn--zfr164b")


def is_gov_domain(host: str) -> bool:
    host = host.lower().rstrip(".")
    return host.endswith(GOV_SUFFIXES) or host in ("gov.cn",)


def _is_address(host: str) -> bool:
    if host in ("localhost",) or host.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    url = home_url(a)
    host = (urlsplit(url).hostname or "").lower()
    if not host:
        raise NotApplicable("无法确定网站域名", "the site's host is unknown")
    declared = (a.identity.site_domain if a.identity else None) or (a.home.meta.get("SiteDomain") if a.home else None)
    if not _is_address(host) and declared:
        claimed = [d.strip().lower() for d in declared.replace("，", ",").split(",") if d.strip()]
        if (
            claimed
            and host not in claimed
            and not any(host.endswith("." + c) or c.endswith("." + host) for c in claimed)
        ):
            findings_claim = [
                Finding(
                    check="gov-domain",
                    url=url,
                    rule="claimed_domain",
                    level="info",
                    message_zh=f"页面声明的网站域名（SiteDomain：{declared}）与实际访问的域名 {host} 不一致",
                    message_en=f"the page claims SiteDomain {declared} but is served by {host}",
                    evidence=[Evidence(url=url, snippet=declared, data={"audited_host": host, "declared": declared})],
                    certainty="possible",
                    certainty_reason="可能是复制了其他网站的模板，也可能是别名域名 / a copied template, or an alias domain",
                )
            ]
        else:
            findings_claim = []
    else:
        findings_claim = []
    if _is_address(host):
        if not declared:
            raise NotApplicable(
                f"访问地址为IP/本机（{host}），且页面未声明SiteDomain",
                f"host {host} is an address and no SiteDomain is declared",
            )
        hosts, basis = (
            [d.strip() for d in declared.replace("，", ",").split(",") if d.strip()],
            "meta SiteDomain",
        )
    else:
        hosts, basis = [host], "final host"
    findings = list(findings_claim)
    for h in hosts:
        if is_gov_domain(h):
            continue
        findings.append(
            Finding(
                check="gov-domain",
                url=url,
                message_zh=f"网站域名“{h}”不是.gov.cn域名"
                + ("（依据页面声明的SiteDomain，实际访问地址为" + host + "）" if basis != "final host" else ""),
                message_en=f"domain “{h}” is not under .gov.cn"
                + (f" (declared SiteDomain; audited host {host})" if basis != "final host" else ""),
                evidence=[
                    Evidence(url=url, snippet=h, data={"basis": basis, "audited_host": host, "declared": declared})
                ],
                certainty="certain" if basis == "final host" else "possible",
                certainty_reason=(
                    "实际访问的域名 / the host the crawler was served by"
                    if basis == "final host"
                    else "访问地址为IP/本机，只能依据页面自己的声明，不计分 / audited at an address: only the page's own claim, not scored"
                ),
            )
        )
    return findings


CHECK = Check(
    id="gov-domain",
    title_zh="网站使用.gov.cn域名",
    title_en="Site uses a .gov.cn domain",
    failure_zh="网站域名不规范（非.gov.cn）",
    failure_en="Domain is not a .gov.cn domain",
    clause="扣分指标 功能设计·网站域名（国办发〔2017〕47号）",
    requires=("home", "identity"),
    run=run,
)
