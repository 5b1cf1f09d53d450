"""What every command shares: exit codes, one-line usage errors, argument checks, the verdict table."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import click

EXIT_PASS, EXIT_FAIL, EXIT_USAGE, EXIT_NOT_INSPECTED = 0, 1, 2, 3


class UsageProblem(click.ClickException):
    exit_code = EXIT_USAGE


def as_of_day(value: str | None) -> str | None:
    """A --as-of value checked as YYYY-MM-DD (None stays None: now)."""
    if value is None:
        return None
    try:
        datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        raise UsageProblem(f"--as-of must be a date like 2026-11-16 (got {value!r})") from None
    return value


def check_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in url.strip():
        raise UsageProblem(f"not an http(s) URL: {url!r} (example: https://www.example.gov.cn/)")
    return url.strip()


def parse_formats(formats: str) -> set[str]:
    from inspector.report.writer import all_formats

    fmt = {f.strip() for f in formats.split(",") if f.strip()}
    FORMATS = all_formats()
    unknown = fmt - FORMATS
    if unknown:
        known = ",".join(sorted(FORMATS))
        raise UsageProblem(f"unknown --format {', '.join(sorted(unknown))} (use {known})")
    return fmt


def exit_code_for(verdicts: list[Any]) -> int:
    values = {v.verdict for v in verdicts}
    if "fail" in values:
        return EXIT_FAIL
    if "not_inspected" in values:
        return EXIT_NOT_INSPECTED
    return EXIT_PASS


def print_table(verdicts: list[Any], lang: str) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from inspector.report.i18n import text
    from inspector.safetext import one_line

    zh = lang == "zh"
    table = Table(title="检查结论" if zh else "Verdicts")
    for col in (
        ("站点" if zh else "site"),
        ("结论" if zh else "verdict"),
        ("得分" if zh else "score"),
        ("否决项" if zh else "vetoes"),
        ("扣分项" if zh else "deductions"),
    ):
        table.add_column(col)
    for v in verdicts:
        vetoes = sorted({f.item or f.check for f in v.vetoes})
        colour = {"pass": "green", "fail": "red"}.get(v.verdict, "yellow")
        table.add_row(  # site text is untrusted: no markup ("[/]"), no control characters
            escape(one_line(f"{v.name or ''} {v.site}".strip())),
            f"[{colour}]{text('verdict.' + v.verdict, lang)}[/{colour}]",
            "—" if v.score is None else f"{v.score:g}",
            escape(one_line(", ".join(vetoes) or (v.not_inspected_reason or "—"))),
            str(len(v.deductions)),
        )
    Console(width=160 if not sys.stdout.isatty() else None).print(table)
