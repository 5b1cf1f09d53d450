"""Just enough CSS to resolve a page's own ``<style>`` rules to elements, for dark-link detection.

Injected dark links hide through a class in an inline ``<style>`` block as often as through an
inline ``style=""`` attribute. A browser is the full answer (see ``rendered_hidden_links``); here
the page's rules that carry a hiding-relevant property are read, and lexbor's own selector engine
(the one that parsed the page) finds their elements. Pseudo-classes (:hover …) describe states, not
the page as loaded, and are skipped; so are @media conditions (the rule is kept: a hiding rule in a
media block is still a hiding rule of the page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

# Properties that can hide an element; rules without any of them are dropped at parse time so
# that a large site stylesheet costs nothing per element.
HIDING_PROPS = frozenset(
    {
        "display",
        "visibility",
        "opacity",
        "position",
        "left",
        "top",
        "right",
        "bottom",
        "text-indent",
        "font-size",
        "line-height",
        "overflow",
        "color",
        "background-color",
        "background",
        "clip",
        "clip-path",
        "width",
        "height",
        "max-height",
        "max-width",
        "z-index",
    }
)

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_AT_BLOCK = re.compile(r"@(media|supports)[^{]*\{", re.IGNORECASE)
_AT_SKIP = re.compile(r"@(font-face|keyframes|-webkit-keyframes|page|import|charset)", re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    selector: str
    decls: dict[str, str]


def parse_declarations(text: str) -> dict[str, str]:
    """``"display: none; COLOR:#FFF !important"`` → ``{"display": "none", "color": "#fff"}``."""
    out: dict[str, str] = {}
    for part in text.split(";"):
        if ":" not in part:
            continue
        name, _, value = part.partition(":")
        name = name.strip().lower()
        value = value.replace("!important", "").strip().lower()
        if name and value:
            out[name] = value
    return out


def parse_stylesheet(css: str) -> list[Rule]:
    """Rules with at least one hiding-relevant property, in source order, one per selector."""
    css = _AT_BLOCK.sub(" ", _COMMENT.sub(" ", css))
    rules: list[Rule] = []
    for block in css.split("}"):
        if "{" not in block:
            continue
        selectors, _, body = block.rpartition("{")
        if _AT_SKIP.search(selectors):
            continue
        decls = {k: v for k, v in parse_declarations(body).items() if k in HIDING_PROPS}
        if not decls:
            continue
        for sel in selectors.split(","):
            sel = sel.strip()
            if sel and ":" not in sel and "@" not in sel and "%" not in sel:
                rules.append(Rule(sel, decls))
    return rules


def resolve(tree: LexborHTMLParser, rules: list[Rule]) -> dict[int, tuple[dict[str, str], list[str]]]:
    """Element (``mem_id``) → merged declarations of its matching rules (source order) and their selectors."""
    out: dict[int, tuple[dict[str, str], list[str]]] = {}
    for rule in rules:
        try:
            nodes = tree.css(rule.selector)
        except Exception:  # noqa: BLE001, S112 — selectolax's own error type; such a selector hides nothing
            continue
        for node in nodes:
            decls, sels = out.setdefault(node.mem_id, ({}, []))
            decls.update(rule.decls)
            sels.append(rule.selector)
    return out
