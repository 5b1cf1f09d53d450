"""Dark links (暗链): links and URLs a visitor cannot see, found in raw HTML and in the rendered DOM.

Static pass (``scan_hidden``): inline styles plus the page's own ``<style>`` rules (``_css``) are
resolved per element; an element hidden by any technique hides its whole subtree, so every link or
bare URL inside it is reported with the technique and the hiding element's HTML and style. Scripts
are read for HTML written by script (document.write / innerHTML strings), eval, and redirects; the
meta refresh tag is read too. Techniques and thresholds: rules §11.2.

Rendered pass (``rendered_hidden_links``): computed styles and bounding boxes from a live
Playwright page the crawler hands over, plus the links present in the DOM but not in the raw HTML
(inserted by script). Browser code lives only there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from inspector.extract.html import ParsedHTML, absolute, clean_text
from inspector.extract.security._css import parse_declarations, parse_stylesheet, resolve
from inspector.extract.security._urls import BARE_URL

HTML_LIMIT = 300  # characters of element HTML kept as evidence
_NUM = re.compile(r"^(-?\d*\.?\d+)(px|pt|em|rem|%)?$")
_COLOR_NAMES = {"white": "#ffffff", "black": "#000000", "#fff": "#ffffff", "#000": "#000000"}
_STRING_LIT = re.compile(r"""'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`""")
_REDIRECT = re.compile(
    r"""(?:(?:window|top|self|parent|document)\.)?location(?:\.href)?\s*=\s*(['"])(?P<u1>[^'"]+)\1"""
    r"""|location\.(?:replace|assign)\(\s*(['"])(?P<u2>[^'"]+)\3""",
    re.IGNORECASE,
)
_SEARCH_REFERER = re.compile(
    r"document\.referrer[^;]{0,200}(baidu|sogou|so\.com|google|bing|sm\.cn|360)", re.IGNORECASE | re.DOTALL
)
# Anchored at the start of a blank run (look-behind) so a long run costs linear time, not quadratic.
_WHITESPACE_PAD = re.compile(
    r"(?<![ \t\u3000\u00a0])[ \t\u3000\u00a0]{40,}(?P<u>(?:https?://|www\.)\S+)", re.IGNORECASE
)


@dataclass
class HiddenScan:
    """What the static pass found on one page."""

    links: list[dict[str, Any]] = field(default_factory=list)  # hidden <a>/<iframe>/bare URLs
    texts: list[dict[str, Any]] = field(default_factory=list)  # text of hidden elements (for spam words)
    scripts: list[dict[str, Any]] = field(default_factory=list)  # eval, redirects, script-written HTML


def _px(value: str | None) -> float | None:
    if not value:
        return None
    m = _NUM.match(value.strip().split()[0])
    if not m:
        return None
    n, unit = float(m.group(1)), m.group(2) or "px"
    if unit == "%":
        return None
    return n * (16 if unit in ("em", "rem") else 1.333 if unit == "pt" else 1)


def _colour(value: str | None) -> str | None:
    if not value:
        return None
    v = value.strip().split()[0]
    v = _COLOR_NAMES.get(v, v)
    if re.fullmatch(r"#[0-9a-f]{3}", v):
        v = "#" + "".join(ch * 2 for ch in v[1:])
    m = re.fullmatch(r"rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*[\d.]+)?\)", v.replace(" ", ""))
    if m:
        v = "#" + "".join(f"{int(x):02x}" for x in m.groups())
    return v


def hiding_technique(tag: str, attrs: dict[str, str | None], d: dict[str, str]) -> str | None:
    """The technique by which this element (not its ancestors) hides its content, or None."""
    if "hidden" in attrs:
        return "hidden-attribute"
    if d.get("display") == "none":
        return "display-none"
    if d.get("visibility") in ("hidden", "collapse"):
        return "visibility-hidden"
    op = d.get("opacity")
    if op is not None and _px(op) == 0:
        return "opacity-0"
    if d.get("position") in ("absolute", "fixed"):
        for side in ("left", "top", "right"):
            v = _px(d.get(side))
            if v is not None and (v <= -100 or abs(v) >= 999):
                return "off-screen"
    ti = _px(d.get("text-indent"))
    if ti is not None and ti <= -100:
        return "negative-text-indent"
    fs = _px(d.get("font-size"))
    if fs is not None and fs < 2:
        return "tiny-font"
    overflow_hidden = d.get("overflow", "").startswith("hidden")
    if _px(d.get("line-height")) == 0 and (overflow_hidden or (fs is not None and fs < 2)):
        return "zero-line-height"
    fg, bg = _colour(d.get("color")), _colour(d.get("background-color") or d.get("background"))
    if fg and bg and fg == bg:
        return "same-colour"
    clip = d.get("clip", "").replace(" ", "")
    if clip.startswith(("rect(0", "rect(1px,1px,1px,1px")) or clip == "rect(1px1px1px1px)":
        return "clip"
    cp = d.get("clip-path", "").replace(" ", "")
    if cp.startswith(("inset(100%", "inset(50%", "polygon(0000")):
        return "clip"
    w = _px(d.get("width") or attrs.get("width"))
    h = _px(d.get("height") or attrs.get("height"))
    max_h = _px(d.get("max-height"))
    if tag in ("iframe", "frame"):
        if (w is not None and w <= 1) or (h is not None and h <= 1):
            return "tiny-iframe"
    elif overflow_hidden and ((w is not None and w <= 1) or (h is not None and h <= 1) or max_h == 0):
        return "zero-size-box"
    if tag == "marquee":
        amount = _px(attrs.get("scrollamount") or "")
        if (amount is not None and amount >= 100) or (h is not None and h <= 1) or (w is not None and w <= 1):
            return "marquee"
    z = _px(d.get("z-index"))
    if z is not None and z < 0:
        # Negative z-index puts the box behind the page background (rules §11.2, AndyNull #7).
        return "negative-z-index"
    return None


def _style_text(d: dict[str, str]) -> str:
    return "; ".join(f"{k}: {v}" for k, v in d.items())


def _trunc(html: str | None) -> str:
    html = html or ""
    return html if len(html) <= HTML_LIMIT else html[:HTML_LIMIT] + "…"


Sheet = dict[int, tuple[dict[str, str], list[str]]]


def _walk(root: LexborNode | None, base: str, sheet: Sheet, scan: HiddenScan, via: str | None) -> None:
    """Depth-first walk carrying the outermost hiding ancestor; iterative (real pages nest deeply)."""
    if root is None:
        return
    # (node, hider) where hider = (technique, style, node) of the outermost hiding element
    stack: list[tuple[LexborNode, tuple[str, str, str] | None]] = [(root, None)]
    while stack:
        node, hider = stack.pop()
        tag = node.tag or ""
        if tag == "-text":
            text = node.text_content or ""
            if hider is None and "   " in text:
                for m in _WHITESPACE_PAD.finditer(text):
                    scan.links.append(_entry(m.group("u"), "", "text", "whitespace-padding", "", _trunc(text), via))
            continue
        if tag == "-comment":
            body = node.html or ""
            for m in BARE_URL.finditer(body):
                scan.links.append(_entry(m.group(0), "", "comment", "html-comment", "", _trunc(body), via))
            continue
        if tag.startswith("-") or tag in ("script", "style", "template"):
            continue
        attrs = {k.lower(): v for k, v in node.attributes.items()}
        decls, selectors = sheet.get(node.mem_id, ({}, [])) if sheet else ({}, [])
        inline = attrs.get("style")
        if inline:
            decls = {**decls, **parse_declarations(inline)}
        if hider is None:
            tech = hiding_technique(tag, attrs, decls)
            if tech:
                shown = [f"{s} {{…}}" for s in selectors] + ([f'style="{inline}"'] if inline else [])
                # The subtree's HTML is serialised once here, not once per link inside it.
                hider = (tech, _style_text(decls) + (f"  ({', '.join(shown)})" if shown else ""), _outer_html(node))
                text = clean_text(node.text())
                if text:
                    scan.texts.append({"technique": tech, "text": text[:500], "html": hider[2], "via": via})
                    for m in BARE_URL.finditer(text):
                        scan.links.append(_entry(m.group(0), "", "text", tech, hider[1], hider[2], via))
        if hider is not None:
            href = None
            if tag in ("a", "area"):
                href = attrs.get("href")
            elif tag in ("iframe", "frame"):
                href = attrs.get("src")
            url = absolute(base, href) if href else None
            if url:
                entry = _entry(url, clean_text(node.text())[:200], tag, hider[0], hider[1], _trunc(node.html), via)
                entry["container"] = hider[2]  # the element that hides it
                scan.links.append(entry)
        kids: list[tuple[LexborNode, tuple[str, str, str] | None]] = []
        child = node.child
        while child is not None:
            kids.append((child, hider))
            child = child.next
        stack.extend(reversed(kids))


def _outer_html(node: LexborNode) -> str:
    """The element's start tag and the beginning of its content, without serialising a huge subtree."""
    attrs = " ".join(f'{k}="{v}"' if v is not None else k for k, v in node.attributes.items())
    inner = (node.text(deep=True) or "")[:HTML_LIMIT]
    first_link = node.css_first("a[href], iframe[src]")
    link_html = first_link.html if first_link is not None else ""
    return _trunc(f"<{node.tag}{' ' + attrs if attrs else ''}>{link_html or clean_text(inner)}…</{node.tag}>")


def _entry(url: str, text: str, tag: str, technique: str, style: str, html: str, via: str | None) -> dict[str, Any]:
    return {
        "url": url,
        "text": text,
        "tag": tag,
        "technique": technique if via is None else f"{via}+{technique}",
        "style": style,
        "html": html,
        "source": "static",
    }


def _scripts(tree: LexborHTMLParser, base: str, rules: list, scan: HiddenScan) -> None:
    for node in tree.css("script"):
        if node.attributes.get("src"):
            continue
        code = node.text() or ""
        if not code.strip():
            continue
        for m in _STRING_LIT.finditer(code):
            lit = next(g for g in m.groups() if g is not None)
            if "<" not in lit or not re.search(r"<(a|iframe|div|span|p|marquee)\b", lit, re.IGNORECASE):
                continue
            frag = LexborHTMLParser(lit.replace('\\"', '"').replace("\\'", "'"))
            before = len(scan.links)
            _walk(frag.body, base, resolve(frag, rules) if rules else {}, scan, via="script-written")
            # A visible <a href> written by script is still reported: it is absent from the raw HTML.
            for a in frag.css("a[href]"):
                url = absolute(base, a.attributes.get("href"))
                if url and not any(e["url"] == url for e in scan.links[before:]):
                    scan.links.append(
                        _entry(url, clean_text(a.text())[:200], "a", "script-written", "", _trunc(lit), None)
                    )
        snippet = _trunc(code.strip())
        if re.search(r"\beval\s*\(", code):
            scan.scripts.append({"technique": "eval", "url": None, "snippet": _eval_snippet(code)})
        for m in _REDIRECT.finditer(code):
            url = absolute(base, m.group("u1") or m.group("u2"))
            if url:
                delayed = bool(re.search(r"setTimeout|setInterval", code[max(0, m.start() - 80) : m.start()]))
                scan.scripts.append(
                    {
                        "technique": "script-redirect",
                        "url": url,
                        "delayed": delayed,
                        "snippet": _trunc(code[max(0, m.start() - 60) : m.end() + 20]),
                    }
                )
        if _SEARCH_REFERER.search(code) and ("location" in code or "window.open" in code):
            # Visitors arriving from a search engine are sent elsewhere: the classic hijack (rules §11.2).
            scan.scripts.append({"technique": "referer-hijack", "url": None, "snippet": snippet})
    for meta in tree.css("meta[http-equiv]"):
        if (meta.attributes.get("http-equiv") or "").lower() != "refresh":
            continue
        content = meta.attributes.get("content") or ""
        m = re.search(r"url\s*=\s*['\"]?([^'\";]+)", content, re.IGNORECASE)
        if m:
            scan.scripts.append(
                {
                    "technique": "meta-refresh",
                    "url": absolute(base, m.group(1).strip()),
                    "delayed": not content.strip().startswith("0"),
                    "snippet": _trunc(meta.html),
                }
            )


def _eval_snippet(code: str) -> str:
    i = re.search(r"\beval\s*\(", code)
    start = i.start() if i else 0
    return _trunc(code[max(0, start - 40) : start + 160])


def scan_hidden(doc: ParsedHTML) -> HiddenScan:
    """Static dark-link scan of a parsed page."""
    css = "\n".join(n.text() or "" for n in doc.tree.css("style"))
    rules = parse_stylesheet(css) if css.strip() else []
    scan = HiddenScan()
    _walk(doc.tree.root, doc.base_url or doc.url, resolve(doc.tree, rules), scan, via=None)
    _scripts(doc.tree, doc.base_url or doc.url, rules, scan)
    return scan


def find_hidden_links(doc: ParsedHTML) -> list[dict[str, Any]]:
    """Each hidden link / URL: ``{url, text, tag, technique, style, html, source}``."""
    return scan_hidden(doc).links


# ----------------------------------------------------------------------------- rendered DOM

# Runs in the page: every link-bearing element with its computed visibility and box.
_RENDERED_JS = r"""
() => {
  const out = [];
  const vw = window.innerWidth, vh = window.innerHeight;
  const els = document.querySelectorAll('a[href], iframe[src], area[href]');
  for (const el of els) {
    let why = null, styleText = '';
    for (let n = el; n && n.nodeType === 1 && !why; n = n.parentElement) {
      const cs = getComputedStyle(n);
      const r = n.getBoundingClientRect();
      if (cs.display === 'none') why = 'display-none';
      else if (cs.visibility === 'hidden' || cs.visibility === 'collapse') why = 'visibility-hidden';
      else if (parseFloat(cs.opacity) === 0) why = 'opacity-0';
      else if (parseFloat(cs.fontSize) < 2 && n === el) why = 'tiny-font';
      else if (parseFloat(cs.textIndent) <= -100) why = 'negative-text-indent';
      else if (cs.clipPath && cs.clipPath.startsWith('inset(100')) why = 'clip';
      else if (cs.clip && cs.clip.startsWith('rect(0')) why = 'clip';
      else if ((cs.position === 'absolute' || cs.position === 'fixed') &&
               (r.right < -50 || r.bottom < -50 || r.left > vw + 999 || r.top > vh + 99999)) why = 'off-screen';
      else if (cs.color === cs.backgroundColor && cs.backgroundColor !== 'rgba(0, 0, 0, 0)') why = 'same-colour';
      else if ((r.width <= 1 || r.height <= 1) && (cs.overflow === 'hidden' || n.tagName === 'IFRAME')) why = 'zero-size-box';
      if (why) styleText = `display:${cs.display}; visibility:${cs.visibility}; opacity:${cs.opacity}; ` +
          `font-size:${cs.fontSize}; text-indent:${cs.textIndent}; position:${cs.position}; ` +
          `box:${Math.round(r.left)},${Math.round(r.top)},${Math.round(r.width)}x${Math.round(r.height)}; ` +
          `color:${cs.color}; background:${cs.backgroundColor}`;
    }
    out.push({url: el.href || el.src || '', text: (el.textContent || '').trim().slice(0, 200),
              tag: el.tagName.toLowerCase(), technique: why, style: styleText,
              html: el.outerHTML.slice(0, 300)});
  }
  return out;
}
"""


def _rendered_result(items: list[dict[str, Any]], raw_html: str | None, base: str) -> list[dict[str, Any]]:
    from inspector.extract.html import parse_html  # late: html imports nothing from here, keep it that way

    raw_links = {link.url for link in parse_html(raw_html, base).links} if raw_html is not None else set()
    out = []
    for it in items:
        url = it.get("url") or ""
        if not url or url.startswith(("javascript:", "mailto:", "tel:")):
            continue
        # A link absent from the raw HTML was written by script (document.write / DOM insertion).
        inserted = raw_html is not None and (absolute(base, url) or url) not in raw_links
        if not it.get("technique") and not inserted:
            continue
        technique = it.get("technique") or "visible"
        if inserted:
            technique = f"script-inserted+{technique}"
        out.append({**it, "technique": technique, "source": "rendered", "script_inserted": inserted})
    return out


def rendered_hidden_links(page: Any, raw_html: str | None = None) -> list[dict[str, Any]]:
    """Hidden and script-inserted links of a live (sync) Playwright ``Page`` handed over by the crawler.

    ``raw_html``: the HTML as served, to tell script-inserted links apart; when omitted the page's
    first response body is not known and only computed-style hiding is reported.
    """
    return _rendered_result(page.evaluate(_RENDERED_JS), raw_html, page.url)


async def rendered_hidden_links_async(page: Any, raw_html: str | None = None) -> list[dict[str, Any]]:
    """The same for an async Playwright ``Page``."""
    return _rendered_result(await page.evaluate(_RENDERED_JS), raw_html, page.url)
