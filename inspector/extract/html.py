"""Parse a page once: title, gov meta tags, links, forms and visible text.

Every other extractor (dates, identity, columns, security signals) takes the ``ParsedHTML`` made
here so that a page is parsed a single time. Malformed HTML is normal on government sites; lexbor
repairs it the way a browser does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from inspector.extract.form_purpose import form_purpose, raw_form_fields
from inspector.extract.limits import flatten_deep
from inspector.model import Form, FormField, Link
from inspector.safetext import strip_controls
from inspector.settings import PAGE_MAX_DEPTH, PAGE_MAX_LINKS

_SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "about:", "#")
_WS = re.compile(r"\s+")
VISIBLE_TEXT_LIMIT = 200_000


@dataclass
class ParsedHTML:
    url: str
    tree: LexborHTMLParser
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    visible_text: str = ""
    base_url: str = ""
    limits: dict[str, int] = field(default_factory=dict)  # what the per-page bounds cut (empty: nothing)

    def css(self, selector: str) -> list[LexborNode]:
        return self.tree.css(selector)


def clean_text(text: str | None) -> str:
    return strip_controls(_WS.sub(" ", text or "").strip())


def absolute(base: str, href: str | None) -> str | None:
    """Absolute URL without fragment, or None for non-navigable hrefs (javascript:, mailto: …)."""
    if href is None:
        return None
    href = href.strip().replace("\\", "/")
    if not href or href.lower().startswith(_SKIP_SCHEMES):
        return None
    try:
        return urldefrag(urljoin(base, href))[0]
    except ValueError:  # malformed (e.g. bad IPv6 literal)
        return None


def parse_html(html: str, url: str, *, max_links: int = PAGE_MAX_LINKS, max_depth: int = PAGE_MAX_DEPTH) -> ParsedHTML:
    """Parse once, within the per-page bounds: nesting beyond ``max_depth`` is flattened and links
    beyond ``max_links`` are cut; ``doc.limits`` says what was cut."""
    html, flattened = flatten_deep(html, max_depth)
    tree = LexborHTMLParser(html)
    base = url
    base_node = tree.css_first("base[href]")
    if base_node is not None:
        base = absolute(url, base_node.attributes.get("href")) or url
    doc = ParsedHTML(url=url, tree=tree, base_url=base)
    title = tree.css_first("title")
    doc.title = clean_text(title.text()) if title is not None else ""
    for m in tree.css("meta[name], meta[property]"):
        name = m.attributes.get("name") or m.attributes.get("property") or ""
        content = m.attributes.get("content")
        if name and content is not None and name not in doc.meta:
            doc.meta[name] = content.strip()
    doc.links = _links(tree, base, max_links, doc.limits)
    if flattened:
        doc.limits.update(tags_flattened=flattened, max_depth=max_depth)
    doc.forms = _forms(tree, base, html)
    doc.visible_text = visible_text(tree)
    return doc


_BLOCK_TAG = re.compile(
    r"<(br|p|div|li|tr|h[1-6]|table|ul|ol|dl|dt|dd|section|article|header|footer|nav|aside|form|pre|"
    r"blockquote|hr|option|caption|tbody|thead)\b",
    re.I,
)
_CELL_TAG = re.compile(r"<(td|th)\b", re.I)


def visible_text(tree: LexborHTMLParser, limit: int = VISIBLE_TEXT_LIMIT) -> str:
    """Text as a reader sees it: one line per block, inline elements kept on their line.

    "收到留言<b>64</b>条" must stay one line for label/value extractors; table cells of a row are
    separated by a space.
    """
    body = tree.body
    if body is None:
        return ""
    html = body.html or ""
    html = _CELL_TAG.sub(lambda m: " " + m.group(0), _BLOCK_TAG.sub(lambda m: "\n" + m.group(0), html))
    # Work on a copy so callers keep scripts/styles in the tree.
    clone = LexborHTMLParser(html)
    clone.strip_tags(["script", "style", "noscript", "template"])
    root = clone.body
    text = root.text(separator="") if root is not None else ""
    lines = (clean_text(line) for line in text.splitlines())
    return "\n".join(line for line in lines if line)[:limit]


def _links(tree: LexborHTMLParser, base: str, max_links: int, limits: dict[str, int]) -> list[Link]:
    out: list[Link] = []
    anchors = tree.css("a[href], area[href]")
    total = len(anchors)
    full = False
    for node in anchors:
        if len(out) >= max_links:
            full = True
            break
        u = absolute(base, node.attributes.get("href"))
        if u:
            out.append(Link(url=u, text=clean_text(node.text())[:200], tag="a"))
    for tag, attr in (("img", "src"), ("iframe", "src"), ("script", "src"), ("link", "href"), ("frame", "src")):
        nodes = tree.css(f"{tag}[{attr}]")
        total += len(nodes)
        for node in nodes:
            if len(out) >= max_links:
                full = True
                break
            if tag == "link" and (node.attributes.get("rel") or "").lower() not in ("stylesheet", "icon"):
                continue
            u = absolute(base, node.attributes.get(attr))
            if u:
                alt = node.attributes.get("alt") or node.attributes.get("title") or ""
                out.append(Link(url=u, text=clean_text(alt)[:200], tag=tag))
    if full:
        limits.update(links_total=total, links_kept=len(out))
    return out


def _forms(tree: LexborHTMLParser, base: str, html: str = "") -> list[Form]:
    forms: list[Form] = []
    nodes = tree.css("form")
    raw: list[list[LexborNode]] | None = None
    for index, node in enumerate(nodes):
        action = absolute(base, node.attributes.get("action") or "") or base
        method = (node.attributes.get("method") or "get").lower()
        fields: list[FormField] = []
        inputs = node.css("input, textarea, select")
        if not inputs and html:  # opened inside a <table>: the parser leaves it empty, browsers still own its inputs
            raw = raw_form_fields(html) if raw is None else raw
            inputs = raw[index] if len(raw) == len(nodes) else []
        for f in inputs:
            name = f.attributes.get("name") or f.attributes.get("id") or ""
            if not name:
                continue
            ftype = f.tag if f.tag in ("textarea", "select") else (f.attributes.get("type") or "text").lower()
            options = [clean_text(o.text()) for o in f.css("option")] if f.tag == "select" else []
            label = f.attributes.get("placeholder") or f.attributes.get("title") or ""
            fields.append(
                FormField(
                    name=name,
                    type=ftype,
                    label=label,
                    required="required" in f.attributes,
                    options=options,
                    value=f.attributes.get("value") or "",
                )
            )
        purpose = form_purpose(node, action, fields, clean_text(node.text()))
        forms.append(Form(action=action, method=method, fields=fields, purpose=purpose))
    return forms
