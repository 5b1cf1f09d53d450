"""Hand-made findings, scored by the real cn-gov-2019 profile, for the report tests."""

from __future__ import annotations

from datetime import date

from inspector.model import DateEvidence, Evidence, Finding, Verdict
from inspector.profile import Profile
from inspector.scoring import score

AS_OF = "2024-06-01T09:00:00+08:00"
SITE = "http://www.example-county.gov.cn/"


def stale_home(site: str = SITE) -> Finding:
    return Finding(
        check="homepage-freshness",
        message_zh="首页最近一条信息发布于2024-05-06，已超过2周未更新",
        message_en="Latest home-page item dated 2024-05-06: not updated for more than 2 weeks",
        url=site,
        evidence=[
            Evidence(
                url=site + "xwdt/202405/t20240506_1.html",
                snippet="县政府召开常务会议 [2024-05-06]",
                dates=[
                    DateEvidence(date(2024, 5, 6), "list_line", raw="[2024-05-06]", url=site),
                    DateEvidence(
                        date(2024, 5, 6),
                        "publish_label",
                        raw="发布时间：2024-05-06 10:00",
                        time="10:00",
                        url=site + "xwdt/202405/t20240506_1.html",
                    ),
                ],
            )
        ],
    )


def broken_home_link(n: int, site: str = SITE) -> Finding:
    url = f"{site}zwgk/missing-{n}.html"
    return Finding(
        check="broken-links",
        rule="home",
        message_zh=f"首页链接不可用（404）：{url}",
        message_en=f"Broken home-page link (404): {url}",
        url=url,
        evidence=[Evidence(url=url, snippet="政务公开", data={"status": 404, "found_on": [site]})],
    )


def suspected_link(site: str = SITE) -> Finding:
    return Finding(
        check="broken-links",
        rule="other",
        level="info",
        message_zh="疑似不可用链接（超时）",
        message_en="Suspected broken link (timeout)",
        url=site + "slow.html",
    )


def site_verdict(profile: Profile, findings: list[Finding], site: str = SITE, **kw) -> Verdict:
    v = score(site, findings, profile, AS_OF, **kw)
    v.name = "示例县人民政府"
    v.stats = {
        "stale_columns": 2,
        "blank_columns": 0,
        "broken_links": 2,
        "median_reply_days": 6.5,
        "pages": 120,
    }
    v.run = {
        "pages": 120,
        "duration_s": 42.3,
        "version": "0.1.0",
        "started_at": "2024-06-01T08:59:00+08:00",
        "lang": "zh",
    }
    return v
