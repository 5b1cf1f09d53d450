"""The column map of real 2018 government homepages vs the hand-read truth table.

    .venv/bin/python bench/columns_eval.py [--shared PATH] [--misses]

Truth: ``tests/realworld/homepage_lists.toml`` — per page of ``gov-homepages-2018-dev`` every dated list a
person sees (name or tab title, item count, newest and oldest shown date), lists whose dates are only
in URLs, tooltips or hidden elements (``weak``: neither required nor a false list), and the pages with
no dated list at all (redirect stubs, iframe shells, JS-built lists). Pages are read from
../shared/realworld (nothing copied into the project).

Each home page goes through ``inspector.extract.columns.home_blocks`` (the same call the column map
makes). A labelled list is *found* when a column of the same name (or alias) — or, for a list without
a visible heading, an unnamed column with the same dates and count — has the labelled newest date.
A *false list* is a column that matches no labelled list and no weak list, or a second column for a
list already matched (a list split in two). One row per labelled list, then the false lists, then

    RESULT lists_found=<share> false_lists=<count> identity_exact=<share> n=<lists>

``identity_exact`` is the identity benchmark's figure (``bench/identity_eval.identity_exact``) over its
own truth file ``tests/realworld/homepage_identity.toml``; ``nan`` when that is not available.
"""

from __future__ import annotations

import argparse
import math
import sys
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from inspector.extract.column_blocks import name_text  # noqa: E402
from inspector.extract.columns import home_blocks  # noqa: E402
from inspector.extract.html import parse_html  # noqa: E402
from inspector.model import Column  # noqa: E402
from inspector.shared import shared_dir  # noqa: E402

TRUTH = ROOT / "tests" / "realworld" / "homepage_lists.toml"
PAGES = "gov-homepages-2018-dev/pages"


def load_truth(path: Path = TRUTH) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def norm(name: str) -> str:
    return name_text(name).replace(" ", "")


@dataclass
class Row:
    file: str
    name: str
    items: int
    newest: str
    oldest: str
    found: str | None = None  # the column's name
    found_newest: str | None = None
    found_oldest: str | None = None
    found_items: int | None = None
    source: str = ""  # provenance of the found newest date

    @property
    def ok(self) -> bool:
        return self.found is not None and self.found_newest == self.newest


@dataclass
class Outcome:
    rows: list[Row] = field(default_factory=list)
    false: list[tuple[str, str, str | None]] = field(default_factory=list)  # (file, column, newest)
    weak: list[tuple[str, str]] = field(default_factory=list)  # weak lists reported as columns
    missing: list[str] = field(default_factory=list)

    @property
    def found(self) -> float:
        return sum(r.ok for r in self.rows) / len(self.rows) if self.rows else 0.0


def _dates(c: Column) -> tuple[str | None, str | None]:
    ds = [i.date.value for i in c.items if i.date is not None]
    return (max(ds).isoformat(), min(ds).isoformat()) if ds else (None, None)


def evaluate_page(page: dict, html: str, as_of: date, out: Outcome) -> None:
    doc = parse_html(html, page["url"])
    columns = [c for c in home_blocks(doc, as_of) if c.on_home]
    used: set[int] = set()
    for lab in page.get("list", []):
        row = Row(page["file"], lab["name"], lab["items"], lab["newest"], lab["oldest"])
        names = {norm(lab["name"]), *(norm(a) for a in lab.get("aliases", []))}
        hit = next((i for i, c in enumerate(columns) if i not in used and norm(c.name) in names), None)
        if hit is None and lab.get("heading") is False:
            for i, c in enumerate(columns):
                if i not in used and c.name_source == "none" and _dates(c) == (lab["newest"], lab["oldest"]):
                    hit = i
                    break
        if hit is not None:
            used.add(hit)
            c = columns[hit]
            latest = c.latest
            row.found, (row.found_newest, row.found_oldest) = c.name, _dates(c)
            row.found_items = len(c.items)
            if latest is not None and latest.date is not None:
                row.source = latest.date.source + (" year-implied" if latest.date.year_implied else "")
        out.rows.append(row)
    weak = {norm(w["name"]) for w in page.get("weak", [])}
    for i, c in enumerate(columns):
        if i in used:
            continue
        if norm(c.name) in weak:
            out.weak.append((page["file"], c.name))
            weak.discard(norm(c.name))
            continue
        out.false.append((page["file"], c.name, _dates(c)[0]))


def evaluate(shared_root: Path | None = None, truth: dict | None = None) -> Outcome:
    truth = truth or load_truth()
    folder = (shared_root or shared_dir()) / "realworld" / PAGES
    as_of = date.fromisoformat(truth.get("as_of", "2018-03-24"))
    out = Outcome()
    for page in truth["page"]:
        path = folder / page["file"]
        if not path.is_file():
            out.missing.append(page["file"])
            continue
        evaluate_page(page, path.read_bytes().decode("utf-8", "replace"), as_of, out)
    return out


def identity_share(shared_root: Path | None) -> float:
    try:
        sys.path.insert(0, str(ROOT / "bench"))
        from identity_eval import identity_exact  # type: ignore[import-not-found]

        share, n = identity_exact(shared_root)
        return share if n else math.nan
    except Exception as exc:  # noqa: BLE001 — another benchmark's failure must not hide this one's figures
        print(f"identity_exact not available: {exc}", file=sys.stderr)
        return math.nan


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, help="the shared folder (default: ../shared or $INSPECTOR_SHARED_DIR)")
    ap.add_argument("--misses", action="store_true", help="print only the lists not found right")
    args = ap.parse_args(argv)
    out = evaluate(args.shared)
    if not out.rows:
        print(f"no truth page found under {(args.shared or shared_dir()) / 'realworld' / PAGES}", file=sys.stderr)
        return 2
    for r in out.rows:
        if args.misses and r.ok:
            continue
        mark = "ok  " if r.ok else "MISS"
        got = (
            f"found={r.found!r} newest={r.found_newest} oldest={r.found_oldest} items={r.found_items} ({r.source})"
            if r.found is not None
            else "not found"
        )
        print(f"{mark} {r.file:22} {r.name:16} newest={r.newest} oldest={r.oldest} items={r.items:2d}  {got}")
    for file, name, newest in out.false:
        print(f"FALSE {file:21} {name!r} newest={newest}")
    for file, name in out.weak:
        print(f"weak  {file:21} {name!r} (dates only in URLs/tooltips/hidden or one featured item: tolerated)")
    count_ok = sum(1 for r in out.rows if r.found is not None and r.found_items == r.items)
    oldest_ok = sum(1 for r in out.rows if r.found is not None and r.found_oldest == r.oldest)
    print()
    print(f"lists labelled {len(out.rows)}, found with the right newest date {sum(r.ok for r in out.rows)}")
    print(f"  same item count {count_ok}, same oldest date {oldest_ok}, false lists {len(out.false)}")
    for name in out.missing:
        print(f"not found: {name}", file=sys.stderr)
    ident = identity_share(args.shared)
    ident_s = "nan" if math.isnan(ident) else f"{ident:.3f}"
    print(f"RESULT lists_found={out.found:.3f} false_lists={len(out.false)} identity_exact={ident_s} n={len(out.rows)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
