"""False-positive benchmark of the page-level content-security checks on real pages.

Every real page in ../shared/realworld (GNE Chinese news/portal pages, Jiangxi and NFRA government
articles, the htmldate evaluation pages, the 2018 government home pages) is a legitimate page: none
may be vetoed. The injected material (the two seed pages with injected porn keyword runs and
place-name stuffing, the synthetic dark-link page) must have every injected span and hidden link
found. Each page is judged alone, exactly as ``inspector inspect-page --judge`` does: the signals the
crawler extracts (inspector.extract.enrich), then the page-level checks (hidden-links, spam-content,
defacement, misstatements, personal-data) and the national profile's scoring with certainty: only a
certain finding vetoes; an uncertain veto-strength one needs review.

    python bench/fp_eval.py [--verbose]

Last line: ``RESULT clean_pages_vetoed=<n> clean_pages_review=<n> injected_found=<found>/<total> n=<pages>``.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from inspector.inspect_page import judge_page  # noqa: E402
from inspector.shared import shared_dir  # noqa: E402

AS_OF = "2024-05-06"
CORPORA = {
    "gne": "gne-chinese-pages/pages/*.html",
    "gov-homepages-2018": "gov-homepages-2018-dev/pages/*.html",
    "htmldate": "htmldate-dev-dates/pages/*.html",
    "jiangxi": "jiangxi-gov-saved-articles/*.html",
    "nfra": "nfra-gov-rendered-pages/*.html",
}
SEED = "seed-pages-with-injected-spam"
DARK = "spam-lexicons/YuanZhao_test_dark_link.html"
# Every hidden URL of the synthetic page, and where it hides (the page's own comments say which).
DARK_LINKS = [
    "http://gambling-site.cm/register",  # in an HTML comment
    "http://porn-site.ga/video",  # a commented-out <a>
    "http://malware-site.ml/install",  # display:none iframe
    "http://illegal-gambling.tf",
    "http://porn-site.ga",
    "http://bet365-clone.gq",
    "http://game-private-server.tk",
    "http://hacker-tools.ml",  # z-index:-1 (no positioning: only a browser can tell)
    "http://lottery-predict.cm",
    "http://adult-videos.ga",
    "http://loan-shark.tf",
    "http://hidden-evil-site.tk",
    "http://hidden-link-using-spaces.ga",
    "http://multi-level-hidden.ml",
    "http://noscript-hidden.tf",
    "http://evil-gambling-site.tk/promotion",  # document.write of a hidden div
    "http://dynamic-evil-link.tk/headless-test",  # innerHTML into an element the script hides
    "http://interaction-triggered.ml/click-me",
    "http://dom-based-hidden.cm",
]
DARK_REDIRECT = "http://malicious-phishing.ga/login"


def page_url(path: Path, html: str, truth: dict[str, dict]) -> str:
    """Where the page was published: the corpus says so, else the saved URL, canonical or most-linked host."""
    if path.parent.parent.name == "gov-homepages-2018-dev":
        return f"http://www.{path.name[: -len('.html')]}/"
    if path.name in truth:
        return str(truth[path.name]["url"])
    m = re.search(r"saved from url=\(\d+\)(\S+?)(?:\s|-->)", html[:600])
    if m:
        return m.group(1)
    from inspector.extract.html import parse_html
    from inspector.extract.security._urls import host_of, registrable

    doc = parse_html(html, "http://unknown.invalid/")
    for n in doc.tree.css('link[rel=canonical], meta[property="og:url"]'):
        u = n.attributes.get("href") or n.attributes.get("content") or ""
        if u.startswith("http"):
            return u
    hosts = collections.Counter(registrable(host_of(x.url)) for x in doc.links if x.tag == "a" and host_of(x.url))
    return f"http://www.{hosts.most_common(1)[0][0]}/" if hosts else "http://unknown.invalid/"


def seed_html(text: str) -> str:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    from html import escape

    body = "".join(f"<p>{escape(ln)}</p>" for ln in lines)
    return f"<html><head><title>{escape(lines[0][:60])}</title></head><body>{body}</body></html>"


def flagged(v) -> list:  # noqa: ANN001 — a Verdict
    return [f for f in v.findings if f.severity in ("veto", "review")]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--verbose", action="store_true", help="print every flagged finding")
    args = ap.parse_args()
    shared = shared_dir()
    if not (shared / "realworld").is_dir():
        print(f"{shared}/realworld is absent: nothing to measure")
        return 2
    real = shared / "realworld"
    truth = json.loads((real / "htmldate-dev-dates/ground_truth.json").read_text(encoding="utf-8"))
    started = time.monotonic()
    vetoed: list[str] = []
    review: list[str] = []
    per_corpus: dict[str, list[int]] = {}
    per_check: collections.Counter[str] = collections.Counter()
    n = 0
    from inspector.crawl.decode import decode_html

    for corpus, pattern in CORPORA.items():
        files = sorted(real.glob(pattern))
        counts = per_corpus.setdefault(corpus, [0, 0, 0])
        for path in files:
            html, _ = decode_html(path.read_bytes())
            url = page_url(path, html, truth)
            v = judge_page(html, url, AS_OF)
            n += 1
            counts[0] += 1
            fl = flagged(v)
            for f in fl:
                per_check[f"{f.check}/{f.rule or '-'} {f.severity}"] += 1
                if args.verbose:
                    print(
                        f"  {corpus}/{path.name}: {f.severity} {f.check}/{f.rule} [{f.certainty}] {f.message_en[:110]}"
                    )
            if v.vetoes:
                vetoed.append(f"{corpus}/{path.name}")
                counts[1] += 1
            elif fl:
                review.append(f"{corpus}/{path.name}")
                counts[2] += 1
    print(f"clean pages: {n} in {time.monotonic() - started:.1f} s")
    for corpus, (pages, nv, nr) in per_corpus.items():
        print(f"  {corpus:20} {pages:4} pages  vetoed {nv:3}  review {nr:3}")
    for key, c in per_check.most_common():
        print(f"  flagged {key}: {c}")
    for name in vetoed:
        print(f"  VETOED {name}")
    for name in review:
        print(f"  review {name}")

    # ------------------------------------------------------------------ injected material
    found = total = certain = 0
    for name in ("page-a-weishidai.txt", "page-b-xinjian.txt"):
        text = (real / SEED / name).read_text(encoding="utf-8")
        from inspector.extract.security import injected_spans

        want = injected_spans_truth(text, injected_spans)
        v = judge_page(seed_html(text), f"http://www.example.gov.cn/{name}.html", AS_OF)
        spans = [f for f in flagged(v) if f.check == "spam-content" and f.rule in ("spam-run", "place-stuffing")]
        for span in want:
            total += 1
            hit = next((f for f in spans if f.evidence and f.evidence[0].snippet[:30] == span[:30]), None)
            found += hit is not None
            certain += bool(hit and hit.severity == "veto")
            print(f"  injected {name}: {'found ' + hit.severity if hit else 'MISSED'}: {span[:50]}")
    html = (real / DARK).read_text(encoding="utf-8")
    v = judge_page(html, "http://www.example.gov.cn/index.html", AS_OF)
    hidden = {
        str(f.evidence[0].data.get("url", "")).rstrip("/"): f
        for f in sorted(flagged(v), key=lambda f: f.severity != "veto")
        if f.check == "hidden-links" and f.evidence
    }
    for url in DARK_LINKS:
        total += 1
        hit = hidden.get(url.rstrip("/"))
        found += hit is not None
        certain += bool(hit and hit.severity == "veto")
        print(f"  injected dark link {url}: {f'found {hit.severity} [{hit.certainty}]' if hit else 'MISSED'}")
    total += 1
    redirect = [f for f in flagged(v) if f.rule == "redirect" and DARK_REDIRECT in f.message_en]
    found += bool(redirect)
    print(f"  injected redirect {DARK_REDIRECT}: {'found ' + redirect[0].severity if redirect else 'MISSED'}")
    total += 1
    meta = [
        f for f in flagged(v) if f.check == "spam-content" and any(e.data.get("where") == "meta" for e in f.evidence)
    ]
    found += bool(meta)
    certain += bool(meta and meta[0].severity == "veto")
    print(f"  injected meta keywords: {'found ' + meta[0].severity if meta else 'MISSED'}")
    print(f"injected: {found}/{total} found, {certain} of them certain vetoes")
    print(
        f"RESULT clean_pages_vetoed={len(vetoed)} clean_pages_review={len(review)} injected_found={found}/{total} n={n}"
    )
    return 0


def injected_spans_truth(text: str, detector) -> list[str]:  # noqa: ANN001
    """The injected lines of a seed page (README: the porn keyword run, and page a's county list)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    runs = [ln for ln in lines if ln.startswith(("99热精品", "最近中文2019"))]
    stuffing = [ln for ln in lines if ln.count("|") >= 10 and ln.endswith("|")]
    return runs + stuffing


if __name__ == "__main__":
    sys.exit(main())
