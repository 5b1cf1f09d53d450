"""Message boards read right: the shared TipDM rows served as boards in several markups, on an as-of date.

    .venv/bin/python bench/boards_eval.py [--csv PATH] [--as-of YYYY-MM-DD] [--styles table,cards,…]
                                          [--budget N] [--copies 3] [--misses]

Each style (``inspector.samplesites.board_styles``: table, cards, gbk, steps, and ``large`` = the cards
markup with ``--copies`` copies of the rows, 2,000+ messages) is a small site on 127.0.0.1 that shows
the rows as they stood on the as-of instant: listed once submitted, answered once the reply time has
passed. The inspector finds the board from the home page (whose "最新留言" block links message titles
with 咨询/投诉 in them, beside a petition channel and an interview column), reads it through the real
crawler (``inspector.crawl.Fetcher``) with the board budget, and the V5b check judges it.

Truth comes from the CSV only (its own time parser, not the engine's). Figures per style and overall:

- ``found``: share of the listed messages the board reader returned (matched by detail URL);
- ``submit_exact`` / ``reply_exact``: share with the submit (all) / reply (answered ones) time equal to
  the second;
- ``reply_text``: share of answered messages whose reply text was captured whole (whitespace aside);
- ``false_unanswered`` / ``missed_unanswered``: V5b findings on messages that were not pending for more
  than 90 days within the year / such messages without a finding;
- ``n``: messages listed.

Default as-of: the month end (23:59:59) with the most messages pending for more than 90 days within the
year (2019-09-30 on the shared sample: 781 listed, 23 pending, 6 of them over 90 days).
Last line: ``RESULT found=… submit_exact=… reply_exact=… reply_text=… false_unanswered=… missed_unanswered=… n=…``.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from checks.unanswered_messages import CHECK as UNANSWERED
from inspector.check import CheckContext, NotApplicable
from inspector.model import SiteArtifacts
from inspector.samplesites.board_styles import ServedBoard, copies, load_rows, read_board_site, visible
from inspector.settings import GatherSettings
from inspector.shared import realworld

CSV = realworld("tipdm-message-replies-sample") / "messages_with_replies.csv"
STYLES = ("table", "cards", "gbk", "steps", "large")
LOOKBACK, MAX_DAYS = 365, 90


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def pending_too_long(r, as_of: datetime) -> bool:  # type: ignore[no-untyped-def]
    """Truth of V5b: listed, not answered on the as-of instant, submitted within the year, waiting > 90 days."""
    if r.answered_at(as_of):
        return False
    waited = (as_of.date() - r.submitted.date()).days
    return as_of - timedelta(days=LOOKBACK) <= r.submitted and waited > MAX_DAYS


def auto_as_of(rows: list) -> datetime:  # type: ignore[type-arg]
    """The month end with the most messages pending > 90 days within the year (then the most pending)."""
    best: tuple[int, int, datetime] | None = None
    first, last = min(r.submitted for r in rows), max(r.submitted for r in rows)
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        end = datetime(y, m, 1) - timedelta(seconds=1)
        shown = visible(rows, end)
        over = sum(pending_too_long(r, end) for r in shown)
        pend = sum(not r.answered_at(end) for r in shown)
        key = (over, pend, end)
        if best is None or key > best:
            best = key
    assert best is not None
    return best[2]


@dataclass
class Figures:
    style: str
    n: int = 0
    answered: int = 0
    found: int = 0
    submit_exact: int = 0
    reply_exact: int = 0
    reply_text: int = 0
    false_unanswered: int = 0
    missed_unanswered: int = 0
    boards: int = 0
    seconds: float = 0.0
    fetches: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Figures) -> None:
        for k in ("n", "answered", "found", "submit_exact", "reply_exact", "reply_text"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.false_unanswered += other.false_unanswered
        self.missed_unanswered += other.missed_unanswered

    def result(self, with_style: bool) -> str:
        def share(a: int, b: int) -> str:
            return f"{a / b:.2f}" if b else "n/a"

        head = f"RESULT style={self.style} " if with_style else "RESULT "
        return (
            f"{head}found={share(self.found, self.n)} submit_exact={share(self.submit_exact, self.n)} "
            f"reply_exact={share(self.reply_exact, self.answered)} reply_text={share(self.reply_text, self.answered)} "
            f"false_unanswered={self.false_unanswered} missed_unanswered={self.missed_unanswered} n={self.n}"
        )


def evaluate(style: str, rows: list, as_of: datetime, settings: GatherSettings, copies_n: int) -> Figures:  # type: ignore[type-arg]
    markup = "cards" if style == "large" else style
    served_rows = copies(rows, copies_n) if style == "large" else rows
    fig = Figures(style)
    with ServedBoard(markup, served_rows, as_of) as site:
        started = time.perf_counter()
        boards, report = read_board_site(site.url, as_of, settings)
        fig.fetches = report["fetches"]
        fig.seconds = time.perf_counter() - started
        truth = {r.id: r for r in site.app.rows}
        consult = [b for b in boards if b.kind in ("consultation", "suggestion", "mailbox", "complaint")]
        fig.boards = len(consult)
        got = {}
        for b in consult:
            for m in b.messages:
                rid = site.app.row_of(m.url or "")
                if rid in truth and rid not in got:
                    got[rid] = m
        artifacts = SiteArtifacts(site=site.url, as_of=as_of, boards=consult, gathered=["boards"])
        try:
            findings = UNANSWERED(artifacts, CheckContext(as_of))
        except NotApplicable as why:
            findings = []
            fig.misses.append(f"V5b not judged: {why.reason_en}")
        flagged = {site.app.row_of(f.url or "") for f in findings if f.rule == "unanswered"}
    for rid, r in truth.items():
        fig.n += 1
        answered = r.answered_at(as_of)
        fig.answered += answered
        m = got.get(rid)
        late = pending_too_long(r, as_of)
        if late and rid not in flagged:
            fig.missed_unanswered += 1
            fig.misses.append(f"missed unanswered {rid}")
        if rid in flagged and not late:
            fig.false_unanswered += 1
            fig.misses.append(f"false unanswered {rid}")
        if m is None:
            fig.misses.append(f"not found {rid}")
            continue
        fig.found += 1
        if m.submitted_at == r.submitted:
            fig.submit_exact += 1
        else:
            fig.misses.append(f"submit {rid}: {m.submitted_at} != {r.submitted}")
        if answered:
            if m.replied_at == r.replied:
                fig.reply_exact += 1
            else:
                fig.misses.append(f"reply time {rid}: {m.replied_at} != {r.replied}")
            if compact(m.reply) == compact(r.reply):
                fig.reply_text += 1
            else:
                fig.misses.append(f"reply text {rid}: {compact(m.reply)[:40]!r}… vs {compact(r.reply)[:40]!r}…")
    return fig


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--csv", type=Path, default=CSV, help="TipDM-style CSV (default: the shared sample)")
    ap.add_argument("--as-of", help="YYYY-MM-DD (end of that day); default: chosen from the rows (see above)")
    ap.add_argument("--styles", default=",".join(STYLES))
    ap.add_argument("--budget", type=int, default=GatherSettings().board_budget, help="board budget (fetches)")
    ap.add_argument("--copies", type=int, default=3, help="copies of the rows on the large board")
    ap.add_argument("--misses", action="store_true", help="list every miss")
    args = ap.parse_args()
    if not args.csv.is_file():
        print(f"error: {args.csv} not found (set INSPECTOR_SHARED_DIR or pass --csv)", file=sys.stderr)
        return 2
    rows = load_rows(args.csv)
    if not rows:
        print(f"error: no rows with a message id and a submit time in {args.csv}", file=sys.stderr)
        return 2
    as_of = (
        datetime.strptime(args.as_of, "%Y-%m-%d").replace(hour=23, minute=59, second=59)
        if args.as_of
        else auto_as_of(rows)
    )
    settings = GatherSettings(board_budget=args.budget)
    print(f"rows {len(rows)} from {args.csv}; as of {as_of}; board budget {args.budget}")
    total = Figures("all")
    lines = []
    for style in [s.strip() for s in args.styles.split(",") if s.strip()]:
        fig = evaluate(style, rows, as_of, settings, args.copies)
        total.add(fig)
        print(
            f"{style:6} boards={fig.boards} n={fig.n} answered={fig.answered} fetches={fig.fetches} "
            f"{fig.seconds:.1f}s misses={len(fig.misses)}"
        )
        for miss in fig.misses[: None if args.misses else 5]:
            print(f"    {miss}")
        lines.append(fig.result(with_style=True))
    for line in lines:
        print(line)
    print(total.result(with_style=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
