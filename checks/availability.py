"""V2 站点无法访问 — monitored for a week, ≥ 20 visits a day, a visit not open in 15 s fails, ≥ 5 % ⇒ veto.

A one-shot audit has a single sample: it cannot carry the veto, so it is reported as information,
with a warning when that sample failed.
"""

from __future__ import annotations

from inspector.check import Check, CheckContext, NotApplicable
from inspector.model import AvailabilitySample, Evidence, Finding, SiteArtifacts


def _failed(s: AvailabilitySample, timeout_s: float) -> bool:
    return not s.ok or (s.elapsed_ms is not None and s.elapsed_ms >= timeout_s * 1000)


def _evidence(s: AvailabilitySample) -> Evidence:
    return Evidence(
        url=s.url,
        snippet=s.error or f"{s.elapsed_ms} ms",
        data={
            "at": s.at.isoformat(),
            "status": s.status,
            "elapsed_ms": s.elapsed_ms,
            "error": s.error,
        },
    )


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    samples = a.availability
    if not samples:
        raise NotApplicable("无可用性监测样本", "no availability samples were taken")
    timeout_s = float(ctx.param("timeout_s"))
    needed = int(ctx.param("days")) * int(ctx.param("samples_per_day"))
    ratio_limit = float(ctx.param("failure_ratio"))
    failed = [s for s in samples if _failed(s, timeout_s)]
    ratio = len(failed) / len(samples)
    if len(samples) >= needed:
        if ratio >= ratio_limit:
            days = {s.at.date() for s in failed}
            spread = len(days) >= 2
            return [
                Finding(
                    check="availability",
                    url=a.site,
                    message_zh=f"监测{len(samples)}次，失败{len(failed)}次，失败率{ratio:.1%}，达到{ratio_limit:.0%}",
                    message_en=f"{len(failed)} of {len(samples)} visits failed ({ratio:.1%} ≥ {ratio_limit:.0%})",
                    evidence=[_evidence(s) for s in failed[:50]],
                    certainty="certain" if spread else "likely",
                    certainty_reason=(
                        f"失败分布在{len(days)}天 / failures on {len(days)} days"
                        if spread
                        else "失败集中在一天，可能是监测方网络故障 / failures on one day only: possibly the monitor's own network"
                    ),
                )
            ]
        return []
    # Too few samples for the rule: say what was seen, never veto on it.
    findings = [
        Finding(
            check="availability",
            rule="sampled",
            url=a.site,
            level="info",
            message_zh=f"仅采样{len(samples)}次（规则要求≥{needed}次），失败{len(failed)}次",
            message_en=f"only {len(samples)} samples (the rule needs ≥ {needed}); {len(failed)} failed",
            evidence=[_evidence(s) for s in samples[:50]],
        )
    ]
    if failed:
        findings.append(
            Finding(
                check="availability",
                rule="needs_monitoring",
                url=a.site,
                level="info",
                message_zh=f"本次访问首页失败或超过{timeout_s:g}秒，需连续监测1周方可判定是否单项否决",
                message_en=f"the home page failed or took ≥ {timeout_s:g} s; a week of monitoring is needed for the veto",
                evidence=[_evidence(s) for s in failed[:50]],
            )
        )
    return findings


CHECK = Check(
    id="availability",
    title_zh="站点可正常访问",
    title_en="The site is reachable",
    failure_zh="站点无法访问：监测1周失败率≥5%",
    failure_en="Site unreachable: ≥ 5 % of visits failed over a week",
    clause="单项否决 2",
    requires=("availability",),
    run=run,
    defaults={"timeout_s": 15, "days": 7, "samples_per_day": 20, "failure_ratio": 0.05},
)
