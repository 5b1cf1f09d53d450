"""网站标识 — footer identity marks: 网站标识码, ICP备案号, 公网安备, 党政机关 badge, 主办单位, 联系方式.

One finding per missing or malformed mark (rule = the mark). Formats follow rules §6: the site code
is 10 characters (10 digits, or ``bm`` + 8 digits); 公网安备 numbers have 14 digits (assumption).
"""

from __future__ import annotations

from checks._site import home_url
from inspector.check import Check, CheckContext, NotApplicable
from inspector.extract.html import parse_html
from inspector.extract.identity import extract_identity, valid_badge, valid_icp, valid_psb, valid_site_code
from inspector.model import Evidence, Finding, IdentityMarks, SiteArtifacts

MARKS = {
    "site_code": ("网站标识码", "site identification code", valid_site_code),
    "icp": ("ICP备案编号", "ICP filing number", valid_icp),
    "psb": ("公安机关备案标识", "public-security filing mark", valid_psb),
    "badge": ("党政机关网站标识", "Party/government website badge", valid_badge),
    "sponsor": ("网站主办单位", "sponsoring unit", bool),
    "contact": ("联系方式", "contact details", bool),
}


def marks_of(a: SiteArtifacts) -> IdentityMarks:
    if a.identity is not None:
        return a.identity
    if a.home is not None and a.home.text:
        return extract_identity(parse_html(a.home.text, a.home.final_url or a.home.url))
    raise NotApplicable("未采集首页标识信息", "identity marks were not gathered")


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    marks = marks_of(a)
    url = home_url(a)
    findings: list[Finding] = []
    for rule, (zh, en, valid) in MARKS.items():
        value = getattr(marks, rule)
        if valid(value):
            continue
        if value:
            msg_zh, msg_en = f"{zh}格式不规范：{value}", f"{en} is malformed: {value}"
        else:
            msg_zh, msg_en = f"未找到{zh}", f"no {en} found"
        findings.append(
            Finding(
                check="identity-marks",
                rule=rule,
                url=url,
                message_zh=msg_zh,
                message_en=msg_en,
                evidence=[
                    Evidence(
                        url=url,
                        snippet=value or "",
                        data={
                            "mark": rule,
                            "source": marks.site_code_source if rule == "site_code" else None,
                        },
                    )
                ],
            )
        )
    return findings


CHECK = Check(
    id="identity-marks",
    title_zh="网站标识齐全规范",
    title_en="Identity marks present and well-formed",
    failure_zh="网站标识不规范（网站标识码、ICP备案、公安备案、党政机关标识、主办单位、联系方式）",
    failure_en="Identity marks missing or malformed",
    clause="扣分指标 功能设计·网站标识",
    requires=("home", "identity"),
    run=run,
)
