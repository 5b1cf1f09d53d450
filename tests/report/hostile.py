"""Hostile content as a hacked site would supply it, and an HTML walker that proves it stayed inert."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

from inspector.model import DateEvidence, Evidence, Finding, NotJudged, Verdict

SCRIPT = "<script>window.__pwned=1;alert(1)</script>"
IMG = '<img src=x onerror="window.__pwned=1;alert(2)">'
SVG = '"><svg onload=window.__pwned=1;alert(3)>'
JS_URL = "javascript:window.__pwned=1;alert(4)"
JS_URL_TRICKY = " JaVa\tScRiPt:window.__pwned=1"
ALL = SCRIPT + IMG + SVG


def poison(v: Verdict) -> Verdict:
    """Put hostile text in every field a report shows."""
    v.name = "县政府" + ALL
    for f in v.findings:
        f.message_zh = f.message_en = "消息" + ALL
        f.column = "栏目" + SVG
        f.rule = (f.rule or "") + IMG
        f.clause = f.clause + SCRIPT
        f.url = JS_URL
        f.evidence.append(
            Evidence(
                url=JS_URL_TRICKY,
                snippet="摘录" + ALL,
                dates=[DateEvidence(date(2024, 5, 6), "list_line" + SVG, raw=SCRIPT, url=JS_URL)],
                screenshot="/nonexistent/" + IMG,
                data={"k" + SVG: "v" + SCRIPT, "list": [IMG]},
            )
        )
    for it in v.items:
        it.title_zh = it.title_en = "指标" + ALL
    v.not_judged.append(NotJudged("x" + SVG, "原因" + SCRIPT, "reason" + IMG))
    v.run.update(
        version=SCRIPT,
        profile_title_zh="指标" + SVG,
        probes=[
            {
                "token": IMG,
                "channel": SVG,
                "states": [{"state": SCRIPT, "at": IMG, "evidence": {"u": JS_URL}}],
            }
        ],
    )
    v.stats["median_reply_days"] = SVG  # a wrongly typed figure must not break out either
    return v


def hostile_finding() -> Finding:
    return Finding(check="spam-content", message_zh=ALL, message_en=ALL, url=JS_URL)


class TagAudit(HTMLParser):
    """Every element and attribute of a document, as the browser's tokenizer will see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def audit(html: str) -> TagAudit:
    a = TagAudit()
    a.feed(html)
    a.close()
    return a


def assert_inert(html: str, *, allowed_scripts: int = 0) -> None:
    tags = audit(html).tags
    scripts = [t for t, _ in tags if t == "script"]
    assert len(scripts) == allowed_scripts, "an injected <script> became an element"
    for tag, attrs in tags:
        assert tag not in ("img",) or (attrs.get("src") or "").startswith("data:image/png;base64,"), attrs
        assert tag not in ("iframe", "object", "embed", "form", "base"), tag
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler {name} on <{tag}>"
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                v = (value or "").replace("\t", "").strip().lower()
                assert not v.startswith(("javascript:", "vbscript:", "data:text")), f"{name}={value!r}"
    # svg elements only come from our charts, which never carry event handlers (checked above)
    assert "window.__pwned=1" not in [a.get("onload") for _, a in tags]
