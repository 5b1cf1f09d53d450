"""Identity marks, 找错 entry and site search extracted from real pages vs the hand-read truth.

    .venv/bin/python bench/identity_eval.py [--shared PATH] [--misses]

Truth: ``tests/realworld/homepage_identity.toml`` (40 real 2018 government homepages of
``gov-homepages-2018-dev``, the government article pages of the GNE/Jiangxi/NFRA sets, and commercial
pages as negatives). Pages are read from ../shared/realworld (nothing copied into the project), as UTF-8.

Per page and field it prints ``ok``/``MISS``; then per-field shares and, last,
``RESULT identity_exact=<share of labelled fields exact> hallucinated=<marks reported where the truth
says none> n=<fields> interaction=<share exact> n_interaction=<pages>``. The interaction entry is
reported apart: it is the message-board classifier's (``inspector.gather.boards.find_channels``).

``identity_exact(shared_root)`` returns ``(share, n_fields)`` for other benchmarks (bench/columns_eval.py).
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from inspector.extract.html import parse_html  # noqa: E402
from inspector.extract.identity import extract_identity  # noqa: E402
from inspector.extract.search import find_search  # noqa: E402
from inspector.shared import shared_dir  # noqa: E402

TRUTH = ROOT / "tests" / "realworld" / "homepage_identity.toml"
# Scored fields, in print order; a field is scored on a page only where the truth labels it.
FIELDS = (
    "site_code",
    "site_code_source",
    "site_code_meta",
    "icp",
    "psb",
    "psb_source",
    "badge",
    "sponsor",
    "find_errors",
    "footer",
    "search",
    "search_kind",
    "search_field",
)
# Fields that name a mark: reporting one the truth says is absent is a hallucination.
MARKS = ("site_code", "site_code_meta", "icp", "psb", "badge", "sponsor", "find_errors", "search")
COUNTING_CHANNELS = ("consultation", "suggestion", "mailbox", "complaint", "interview")


@dataclass
class Row:
    file: str
    field: str
    truth: str
    ours: str

    @property
    def ok(self) -> bool:
        return self.truth == self.ours


@dataclass
class Outcome:
    rows: list[Row] = field(default_factory=list)
    interaction: list[Row] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # truth pages not found under ../shared

    @property
    def exact(self) -> float:
        return sum(r.ok for r in self.rows) / len(self.rows) if self.rows else 0.0

    @property
    def hallucinated(self) -> int:
        return sum(1 for r in self.rows if r.field in MARKS and r.truth == "none" and r.ours != "none")


def load_truth(path: Path = TRUTH) -> list[dict[str, str]]:
    with path.open("rb") as fh:
        return list(tomllib.load(fh)["page"])


def read_page(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "replace")


def _action(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def observed(html: str, url: str) -> dict[str, str]:
    """What the extractors report for one page, in the truth file's vocabulary."""
    from inspector.gather.boards import find_channels
    from inspector.model import Page

    doc = parse_html(html, url)
    marks = extract_identity(doc)
    box = find_search(doc)
    channels = find_channels([Page(url=url, final_url=url, links=doc.links)])
    return {
        "site_code": marks.site_code or "none",
        "site_code_source": marks.sources.get("site_code", "none"),
        "site_code_meta": marks.site_code_meta or "none",
        "icp": marks.icp or "none",
        "psb": marks.psb or "none",
        "psb_source": marks.sources.get("psb", "none"),
        "badge": marks.sources.get("badge", "none") if marks.badge else "none",
        "sponsor": marks.sponsor or "none",
        "find_errors": marks.sources.get("find_errors", "none") if marks.find_errors else "none",
        "footer": marks.footer or "none",
        "search": _action(box.action) if box else "none",
        "search_kind": box.kind if box else "none",
        "search_field": (box.field or "none") if box else "none",
        "interaction": "present" if any(k in COUNTING_CHANNELS for _, _, k in channels) else "none",
    }


def evaluate(shared_root: Path | None = None, truth: list[dict[str, str]] | None = None) -> Outcome:
    base = (shared_root or shared_dir()) / "realworld"
    out = Outcome()
    for page in truth or load_truth():
        path = base / page["set"] / page["file"]
        if not path.is_file():
            out.missing.append(f"{page['set']}/{page['file']}")
            continue
        ours = observed(read_page(path), page["url"])
        for name in FIELDS:
            if name in page:
                out.rows.append(Row(page["file"], name, str(page[name]), ours[name]))
        if "interaction" in page:
            out.interaction.append(Row(page["file"], "interaction", page["interaction"], ours["interaction"]))
    return out


def identity_exact(shared_root: Path | None = None) -> tuple[float, int]:
    """(share of labelled identity fields extracted exactly, number of fields)."""
    outcome = evaluate(shared_root)
    return outcome.exact, len(outcome.rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, help="the shared folder (default: ../shared or $INSPECTOR_SHARED_DIR)")
    ap.add_argument("--misses", action="store_true", help="print only the fields that differ")
    args = ap.parse_args(argv)
    outcome = evaluate(args.shared)
    if not outcome.rows:
        print(f"no truth page found under {(args.shared or shared_dir()) / 'realworld'}", file=sys.stderr)
        return 2
    for row in outcome.rows + outcome.interaction:
        if args.misses and row.ok:
            continue
        mark = "ok  " if row.ok else "MISS"
        print(f"{mark} {row.file:38} {row.field:16} truth={row.truth}  ours={row.ours}")
    print()
    per: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    for row in outcome.rows:
        per[row.field] += 1
        hits[row.field] += row.ok
    for name in FIELDS:
        if per[name]:
            print(f"{name:18} {hits[name]:3d}/{per[name]:3d}  {hits[name] / per[name]:.3f}")
    inter = outcome.interaction
    inter_share = sum(r.ok for r in inter) / len(inter) if inter else 0.0
    print(f"{'interaction':18} {sum(r.ok for r in inter):3d}/{len(inter):3d}  {inter_share:.3f}  (boards classifier)")
    for name in outcome.missing:
        print(f"not found: {name}", file=sys.stderr)
    print(
        f"RESULT identity_exact={outcome.exact:.3f} hallucinated={outcome.hallucinated} n={len(outcome.rows)} "
        f"interaction={inter_share:.3f} n_interaction={len(inter)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
