"""功能设计·可用性 — broken links on the home page and elsewhere.

Only definite failures (param ``definite``: 404/410, 403 by UCAP practice, and the disguised 404)
count against the site. Timeouts, DNS, refused connections, TLS, 5xx and firewall pages are
environment failures: the link could not be judged from this network at this moment, so they are
information ("could not judge", certainty possible), never a deduction.

Certainty: 404/410 certain; 403 likely (a firewall may refuse only the checker); a page saying
页面不存在 with HTTP 200 likely (read from its wording).
"""

from __future__ import annotations

from inspector.check import Check, CheckContext, NotApplicable
from inspector.model import Evidence, Finding, LinkCheck, SiteArtifacts

OUTCOME_ZH = {
    "broken": "页面不存在（404/410）",
    "forbidden": "禁止访问（403）",
    "server_error": "服务器错误（5xx）",
    "timeout": "访问超时",
    "dns": "域名无法解析",
    "tls": "证书/TLS错误",
    "connect": "无法连接",
    "too_many_redirects": "重定向过多或循环",
    "blocked": "被防火墙拦截",
    "soft404": "页面提示内容不存在",
}
_NOT_DEFECTS = ("ok", "skipped", "")
ENVIRONMENT = ("timeout", "dns", "connect", "tls", "blocked", "server_error", "too_many_redirects")
_CERTAINTY = {
    "broken": ("certain", "HTTP 404/410"),
    "forbidden": ("likely", "HTTP 403: the server refused the checker; a firewall may refuse only automated clients"),
    "soft404": ("likely", "HTTP 200 but the page says the content does not exist (read from its wording)"),
}


def _evidence(lc: LinkCheck) -> Evidence:
    return Evidence(
        url=lc.url,
        snippet=lc.text,
        data={
            "outcome": lc.outcome,
            "status": lc.status,
            "detail": lc.detail,
            "found_on": lc.found_on[:10],
            "tag": lc.tag,
            "internal": lc.internal,
        },
    )


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    if not a.link_checks:
        raise NotApplicable("未检查任何链接（站点未能抓取）", "no links were checked (the site was not crawled)")
    definite = set(ctx.param("definite") or ())
    findings: list[Finding] = []
    for lc in a.link_checks:
        if lc.outcome in _NOT_DEFECTS:
            continue
        rule = "home" if lc.on_home else "other"
        where_zh = "首页" if lc.on_home else "其他页面"
        what = OUTCOME_ZH.get(lc.outcome, lc.outcome)
        label = f"“{lc.text}”" if lc.text else ""
        sure = lc.outcome in definite
        certainty, reason = _CERTAINTY.get(lc.outcome, ("likely", f"outcome {lc.outcome}"))
        if not sure:
            certainty = "possible"
            reason = (
                "环境故障（超时、域名解析、连接、证书、拦截等）：本次从本网络无法判断该链接"
                if lc.outcome in ENVIRONMENT
                else f"检查结果 {lc.outcome} 不是确定的失效"
            )
        findings.append(
            Finding(
                check="broken-links",
                rule=rule,
                url=lc.url,
                level="fail" if sure else "info",
                message_zh=f"{where_zh}链接{label}{'不可用' if sure else '未能判定（疑似不可用）'}：{what}",
                message_en=(
                    f"{'broken' if sure else 'could not judge (suspected broken)'} link on the "
                    f"{'home page' if lc.on_home else 'site'}: {lc.outcome} ({lc.detail})"
                ),
                certainty=certainty,  # type: ignore[arg-type]
                certainty_reason=reason,
                evidence=[_evidence(lc)],
            )
        )
    return findings


CHECK = Check(
    id="broken-links",
    title_zh="首页及其他页面链接可用",
    title_en="Links on the home page and other pages work",
    failure_zh="存在不可用链接（错链、死链）",
    failure_en="Broken links found",
    clause="扣分指标 功能设计·可用性（首页链接、其他页面链接）",
    requires=("link_checks",),
    run=run,
    defaults={"definite": ["broken", "forbidden", "soft404"]},
)
