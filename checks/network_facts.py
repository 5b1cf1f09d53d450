"""IPv6, HTTPS and TLS facts (功能设计·IPv6; HTTPS is not a national rule): information only."""

from __future__ import annotations

from inspector.check import Check, CheckContext, NotApplicable
from inspector.model import Evidence, Finding, SiteArtifacts


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    n = a.network
    if n is None:
        raise NotApplicable("未采集网络信息", "network facts were not gathered")
    data = {
        "ipv6": n.ipv6,
        "ipv6_fetch_ok": n.ipv6_fetch_ok,
        "https": n.https,
        "tls_valid": n.tls_valid,
        "tls_detail": n.tls_detail,
    }
    ev = [Evidence(url=a.site, snippet=n.tls_detail, data=data)]
    findings: list[Finding] = []
    if n.ipv6 is False:
        findings.append(
            Finding(
                check="network-facts",
                rule="ipv6",
                level="info",
                url=a.site,
                evidence=ev,
                message_zh="域名无IPv6（AAAA）解析记录",
                message_en="no IPv6 (AAAA) record",
            )
        )
    elif n.ipv6_fetch_ok is False:
        findings.append(
            Finding(
                check="network-facts",
                rule="ipv6",
                level="info",
                url=a.site,
                evidence=ev,
                message_zh="有IPv6解析但无法通过IPv6访问",
                message_en="AAAA record present but the site is not reachable over IPv6",
            )
        )
    if n.https is False:
        findings.append(
            Finding(
                check="network-facts",
                rule="https",
                level="info",
                url=a.site,
                evidence=ev,
                message_zh="未提供HTTPS访问",
                message_en="no HTTPS",
            )
        )
    elif n.tls_valid is False:
        findings.append(
            Finding(
                check="network-facts",
                rule="tls",
                level="info",
                url=a.site,
                evidence=ev,
                message_zh=f"HTTPS证书无效：{n.tls_detail}",
                message_en=f"invalid TLS certificate: {n.tls_detail}",
            )
        )
    return findings


CHECK = Check(
    id="network-facts",
    title_zh="支持IPv6和有效的HTTPS",
    title_en="IPv6 and valid HTTPS supported",
    failure_zh="IPv6或HTTPS支持不完整",
    failure_en="IPv6 or HTTPS support incomplete",
    clause="功能设计·IPv6（信息提示）",
    requires=("network",),
    run=run,
)
