"""网站标识 — footer identity marks: 网站标识码, ICP备案号, 公安备案, 党政机关 badge, 主办单位, 联系方式.

One finding per missing or malformed mark (rule = the mark). Formats follow rules §6: the site code
is 10 characters (10 digits, or ``bm`` + 8 digits); ICP filings read ``<省>ICP备<n>号[-n]``; 公安 record
numbers have 14 digits (an assumption: older footers show 12-digit numbers).

Certainty, from the evidence the marks came with (``IdentityMarks.sources``/``footer``/``rendered``):

- the raw footer is printed (or the page was rendered) and the mark is not in it → certain (likely for
  主办单位 and 联系方式, whose wording varies);
- the footer is built by script or held in a frame that was never rendered or read → possible: the
  mark may well be there, we could not see it;
- the filings are shown only as an image (``beian.gif``) → possible;
- a malformed ICP (no 备/号) → certain; a site code of another length, an ICP证 licence where a filing is
  expected → likely; a 公安 number without 14 digits → possible (format assumed).

The meta ``SiteIDCode`` is a claim: a code only there is reported as not shown on the page; a meta
code that differs from the one shown is listed as information.
"""

from __future__ import annotations

from collections.abc import Callable

from checks._site import home_url
from inspector.check import Check, CheckContext, NotApplicable
from inspector.extract.html import parse_html
from inspector.extract.identity import extract_identity, valid_badge, valid_icp, valid_psb, valid_site_code
from inspector.model import Certainty, Evidence, Finding, IdentityMarks, SiteArtifacts

MARKS: dict[str, tuple[str, str, Callable[[str | None], bool]]] = {
    "site_code": ("网站标识码", "site identification code", valid_site_code),
    "icp": ("ICP备案编号", "ICP filing number", valid_icp),
    "psb": ("公安机关备案标识", "public-security filing mark", valid_psb),
    "badge": ("党政机关网站标识", "Party/government website badge", valid_badge),
    "sponsor": ("网站主办单位", "sponsoring unit", bool),
    "contact": ("联系方式", "contact details", bool),
}
_WORDING_VARIES = ("sponsor", "contact")


def marks_of(a: SiteArtifacts) -> IdentityMarks:
    if a.identity is not None:
        return a.identity
    if a.home is not None and a.home.text:
        return extract_identity(parse_html(a.home.text, a.home.final_url or a.home.url))
    raise NotApplicable("未采集首页标识信息", "identity marks were not gathered")


def unseen_footer(marks: IdentityMarks) -> tuple[str, str] | None:
    """(zh, en) why the footer may hold marks we never saw, or None when we saw it."""
    if marks.footer in ("script", "iframe") and not marks.rendered:
        if marks.footer == "iframe" and any(s.startswith("iframe:") for s in marks.sources.values()):
            return None
        how = "页脚由脚本生成" if marks.footer == "script" else "页脚位于框架（iframe）中"
        how_en = "the footer is built by script" if marks.footer == "script" else "the footer sits in a frame"
        why = "且首页未能渲染" if marks.rendered is False else "且未渲染首页"
        why_en = "the home page could not be rendered" if marks.rendered is False else "the home page was not rendered"
        return f"{how}{why}，可能存在但未能看到", f"{how_en} and {why_en}: the mark may be there unseen"
    return None


def _missing_certainty(rule: str, marks: IdentityMarks) -> tuple[Certainty, str]:
    unseen = unseen_footer(marks)
    if unseen is not None:
        return "possible", unseen[1]
    if rule in ("icp", "psb") and marks.filing_image:
        return "possible", f"the footer shows the filing image {marks.filing_image}, whose numbers cannot be read"
    if marks.footer == "script" and marks.rendered:
        return "likely", "not in the raw footer nor in the rendered home page"
    if rule in _WORDING_VARIES:
        return "likely", "not found under its usual labels (wording varies: 版权所有 may stand for it)"
    if marks.footer == "none":
        return "likely", "the home page shows no footer at all"
    return "certain", "the home page footer was read and does not show it"


def _malformed_certainty(rule: str, value: str) -> tuple[Certainty, str]:
    if rule == "icp" and "ICP证" in value:
        return "likely", "an ICP证 operating licence where a 备案 filing number is expected"
    if rule == "icp":
        return "certain", "an ICP filing reads <省>ICP备<n>号"
    if rule == "psb":
        return "possible", "the 14-digit format is an assumption (older 公安 numbers have 12 digits)"
    return "likely", "10 characters is the observed format; the official definition was not seen"


def _finding(rule: str, url: str, zh: str, en: str, value: str | None, marks: IdentityMarks, **kw: object) -> Finding:
    return Finding(
        check="identity-marks",
        rule=rule,
        url=url,
        message_zh=zh,
        message_en=en,
        evidence=[
            Evidence(
                url=url,
                snippet=value or "",
                data={
                    "mark": rule,
                    "source": marks.sources.get(rule),
                    "footer": marks.footer,
                    "rendered": marks.rendered,
                    **({"meta": marks.site_code_meta} if rule.startswith("site_code") else {}),
                },
            )
        ],
        **kw,  # type: ignore[arg-type]
    )


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    marks = marks_of(a)
    url = home_url(a)
    findings: list[Finding] = []
    for rule, (zh, en, valid) in MARKS.items():
        value = getattr(marks, rule)
        if valid(value):
            continue
        if value:
            certainty, reason = _malformed_certainty(rule, value)
            msg_zh, msg_en = f"{zh}格式不规范：{value}", f"{en} is malformed: {value}"
        elif rule == "site_code" and marks.site_code_meta:
            certainty, reason = _missing_certainty(rule, marks)
            certainty = "possible" if certainty == "possible" else "likely"
            msg_zh = f"页面未显示网站标识码（仅 meta SiteIDCode 声称 {marks.site_code_meta}）"
            msg_en = f"no site identification code shown (only the meta SiteIDCode claims {marks.site_code_meta})"
        else:
            certainty, reason = _missing_certainty(rule, marks)
            msg_zh, msg_en = f"未找到{zh}", f"no {en} found"
        findings.append(_finding(rule, url, msg_zh, msg_en, value, marks, certainty=certainty, certainty_reason=reason))
    shown, claimed = marks.site_code, marks.site_code_meta
    if shown and claimed and shown.lower() != claimed.lower():
        findings.append(
            _finding(
                "site_code_meta",
                url,
                f"meta SiteIDCode（{claimed}）与页面显示的网站标识码（{shown}）不一致",
                f"the meta SiteIDCode ({claimed}) differs from the code the page shows ({shown})",
                shown,
                marks,
                level="info",
                certainty="certain",
                certainty_reason="both codes were read from the home page",
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
