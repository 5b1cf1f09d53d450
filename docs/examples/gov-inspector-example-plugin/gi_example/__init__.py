"""A worked gov-inspector plug-in: is there a 联系我们 (contact us) page, and does it answer?

- a gatherer (network through the site's budgeted fetch) that finds and fetches the contact page;
- a pure check over that artifact;
- a profile that extends the national one and scores the check as information;
- a report format (a plain-text findings list);
- a template (a team letterhead on every HTML report).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspector.check import Check, CheckContext, NotApplicable
from inspector.gather import Gatherer
from inspector.hookspecs import ReportFormat
from inspector.model import Evidence, Finding, SiteArtifacts

HERE = Path(__file__).parent
PROFILE_DIR = HERE / "profiles"
TEMPLATE_DIR = HERE / "templates"


# --- gatherer: artifact "contact_page" (lands in SiteArtifacts.extra["contact_page"]) ----------
async def gather_contact_page(ctx: Any) -> dict[str, Any]:
    links = [lk for lk in ctx.home.links if lk.tag == "a" and "联系我们" in lk.text]
    if not links:
        return {"url": None, "ok": False}
    page = await ctx.fetch(links[0].url)
    return {"url": links[0].url, "ok": page.ok, "status": page.status, "title": page.title}


GATHERERS = [
    Gatherer("contact_page", gather_contact_page, needs=("home",), description="the 联系我们 page, fetched once")
]


# --- check: a pure function of the artifact -------------------------------------------------
def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    found = a.extra.get("contact_page")
    if found is None:
        raise NotApplicable("未采集联系我们页面", "contact page not gathered")
    if found["ok"]:
        return []
    return [
        Finding(
            check="contact-page",
            message_zh="首页未提供可访问的“联系我们”页面",
            message_en="the home page has no working “contact us” page",
            url=found["url"] or a.site,
            evidence=[Evidence(url=found["url"], data={"status": found.get("status")})],
            certainty="certain" if found["url"] else "likely",
        )
    ]


CHECKS = [
    Check(
        id="contact-page",
        title_zh="首页提供“联系我们”页面",
        title_en="The home page links a working contact page",
        failure_zh="缺少可访问的“联系我们”页面",
        failure_en="No working contact page",
        clause="示例插件（非国家指标）",
        requires=("contact_page",),
        run=run,
    )
]


# --- report format: --format findings-txt ------------------------------------------------------
def write_findings_txt(verdicts: list[Any], out_dir: Path, lang: str) -> dict[str, Path]:
    lines = []
    for v in verdicts:
        lines.append(f"{v.site}\t{v.verdict}\t{v.score}")
        lines += [f"  [{f.severity}] {f.check}: {f.message_zh if lang == 'zh' else f.message_en}" for f in v.findings]
    path = out_dir / "findings.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"findings.txt": path}


REPORT_FORMATS = [ReportFormat("findings-txt", write_findings_txt, "plain-text findings list")]
