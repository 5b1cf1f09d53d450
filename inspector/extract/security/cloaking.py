"""Spider cloaking (黑链/劫持): compare what a browser, search spiders and search visitors are served.

A hacked site often looks clean to a person typing the address but serves gambling links to
Baiduspider, or redirects visitors arriving from a Baidu results page (rules §11.2; patent
CN105488402A compares a spider-UA fetch with a normal one). ``diff_variants`` is pure: it takes the
fetched variants (``inspector.gather.cloaking`` does the fetching) and says what differs.
"""

from __future__ import annotations

from typing import Any

from inspector.extract.html import parse_html
from inspector.extract.security._urls import (
    host_of,
    is_gov_host,
    is_outbound,
    is_suspicious_host,
    registrable,
)
from inspector.extract.security.hidden_links import scan_hidden
from inspector.extract.security.lexicon import Lexicon, default_lexicon

BASELINE = "browser"
STRONG_WEIGHT = 5  # a spam word of at least this weight appearing only for spiders is cloaking


def _view(name: str, variant: Any, lex: Lexicon) -> dict[str, Any]:
    """Reduce one fetched variant (a Page or its HTML) to the facts compared."""
    if isinstance(variant, str):
        text, url, final, status, error = variant, "", "", None, None
    else:
        text = getattr(variant, "text", None) or ""
        url = getattr(variant, "url", "") or ""
        final = getattr(variant, "final_url", "") or url
        status, error = getattr(variant, "status", None), getattr(variant, "error", None)
    page_url = url or final or "http://unknown.invalid/"
    doc = parse_html(text, final or page_url)
    outbound = {
        link.url: link.text for link in doc.links if link.tag in ("a", "iframe") and is_outbound(link.url, page_url)
    }
    scan = scan_hidden(doc)
    redirects = [
        s["url"] for s in scan.scripts if s["technique"] in ("script-redirect", "meta-refresh") and s.get("url")
    ]
    if final and url and registrable(host_of(final)) != registrable(host_of(url)):
        redirects.insert(0, final)
    words: dict[str, int] = {}
    for source in (
        doc.title,
        " ".join(doc.meta.values()),
        doc.visible_text,
        " ".join(outbound.values()),
        " ".join(t["text"] for t in scan.texts),
    ):
        for h in lex.find(source, standalone_only=True):
            if not h.allowed:
                words[h.word] = max(words.get(h.word, 0), h.weight)
    return {
        "name": name,
        "status": status,
        "error": error,
        "final_url": final,
        "outbound": outbound,
        "redirects": [r for r in redirects if is_outbound(r, page_url)],
        "words": words,
        "size": len(text),
    }


def diff_variants(variants: dict[str, Any], lexicon: Lexicon | None = None) -> dict[str, Any]:
    """Differences of each variant from the browser baseline.

    Returns ``{baseline, cloaked, reasons: [...], variants: {name: {status, added_links, removed_links,
    spam_words_added, redirects_added, …}}}``; ``cloaked`` is True when a spider or search visitor gets
    spam words, off-site redirects or dubious outbound links that the browser does not.
    """
    if not variants:
        raise ValueError("diff_variants needs at least one fetched variant")
    lex = lexicon or default_lexicon()
    views = {name: _view(name, v, lex) for name, v in variants.items()}
    base_name = BASELINE if BASELINE in views else next(iter(views))
    base = views[base_name]
    out: dict[str, Any] = {"baseline": base_name, "cloaked": False, "reasons": [], "reasons_zh": [], "variants": {}}
    for name, v in views.items():
        if name == base_name:
            continue
        added = {u: t for u, t in v["outbound"].items() if u not in base["outbound"]}
        removed = sorted(u for u in base["outbound"] if u not in v["outbound"])
        spam_added = {w: wt for w, wt in v["words"].items() if w not in base["words"]}
        redirects_added = [r for r in v["redirects"] if r not in base["redirects"]]
        dubious = sorted(
            u for u, t in added.items() if is_suspicious_host(u) or lex.find(t + " " + u, standalone_only=True)
        )
        # Links only this client sees whose own anchor text is a strong spam word (真人百家乐 …):
        # as sure as a spam word, even when the page already carried the same words for everyone.
        spam_links = sorted(
            u
            for u, t in added.items()
            if any(h.weight >= STRONG_WEIGHT and not h.allowed for h in lex.find(t, standalone_only=True))
        )
        non_gov = sorted(u for u in added if not is_gov_host(host_of(u)))
        d = {
            "status": v["status"],
            "error": v["error"],
            "final_url": v["final_url"],
            "added_links": sorted(added)[:50],
            "removed_links": removed[:50],
            "dubious_links": dubious[:50],
            "spam_words_added": sorted(spam_added),
            "spam_links": spam_links[:50],
            "redirects_added": redirects_added[:10],
            "status_changed": v["status"] != base["status"],
            "size": v["size"],
        }
        out["variants"][name] = d
        strong = [w for w, wt in spam_added.items() if wt >= STRONG_WEIGHT]
        if strong:
            out["reasons"].append(f"{name}: spam words only this client sees: {'、'.join(sorted(strong)[:10])}")
            out["reasons_zh"].append(f"{name}：仅该访问身份可见违规词 {'、'.join(sorted(strong)[:10])}")
        if redirects_added:
            out["reasons"].append(f"{name}: redirected off-site to {redirects_added[0]}")
            out["reasons_zh"].append(f"{name}：被跳转到站外 {redirects_added[0]}")
        if dubious:
            out["reasons"].append(
                f"{name}: {len(dubious)} dubious outbound link(s) only this client sees, e.g. {dubious[0]}"
            )
            out["reasons_zh"].append(f"{name}：仅该访问身份可见{len(dubious)}个可疑外链，如 {dubious[0]}")
        if strong or redirects_added or dubious:
            out["cloaked"] = True
        elif len(non_gov) >= 5:
            # Many extra outbound links without spam words: reported, judged by a person.
            out.setdefault("notes", []).append(f"{name}: {len(non_gov)} extra non-government outbound links")
    out["baseline_status"] = base["status"]
    return out
