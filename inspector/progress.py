"""Progress of an audit on the terminal: a Rich display on a TTY, plain lines otherwise (CI logs)."""

from __future__ import annotations

import sys
import threading
from typing import Any

import click


class PlainProgress:
    """One line per site event and every `every` pages: readable in a CI log."""

    def __init__(self, every: int = 25):
        self.every = every
        self.pages: dict[str, int] = {}
        self.lock = threading.Lock()

    def __call__(self, event: str, **data: Any) -> None:
        site = data.get("site", "")
        with self.lock:
            if event == "site_start":
                self.pages[site] = 0
                click.echo(f"[audit] {site}: start" + (" (resuming)" if data.get("resumed") else ""), err=True)
            elif event == "page":
                self.pages[site] = self.pages.get(site, 0) + 1
                if self.pages[site] % self.every == 0:
                    click.echo(f"[audit] {site}: {self.pages[site]} pages fetched", err=True)
            elif event == "phase":
                click.echo(f"[audit] {site}: {data.get('phase')}", err=True)
            elif event == "checks":
                click.echo(f"[audit] {site}: {self.pages.get(site, 0)} pages; running checks", err=True)
            elif event == "site_done":
                click.echo(f"[audit] {site}: {data.get('verdict')} {data.get('score')}", err=True)

    def close(self) -> None:
        pass


class RichProgress:
    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn

        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[pages]} pages · {task.fields[phase]}"),
            console=Console(stderr=True),
            transient=False,
        )
        self.tasks: dict[str, Any] = {}
        self.progress.start()

    def __call__(self, event: str, **data: Any) -> None:
        site = data.get("site", "")
        if event == "site_start":
            self.tasks[site] = self.progress.add_task(site, total=None, pages=0, phase="crawl")
            return
        task = self.tasks.get(site)
        if task is None:
            return
        if event == "page":
            t = self.progress.tasks[task]
            self.progress.update(task, pages=t.fields["pages"] + 1)
        elif event == "phase":
            self.progress.update(task, phase=data.get("phase"))
        elif event == "checks":
            self.progress.update(task, phase="checks")
        elif event == "site_done":
            self.progress.update(task, phase=f"{data.get('verdict')} {data.get('score')}", total=1, completed=1)

    def close(self) -> None:
        self.progress.stop()


def make_progress() -> PlainProgress | RichProgress:
    return RichProgress() if sys.stderr.isatty() else PlainProgress()
