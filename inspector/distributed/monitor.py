"""Watching a programme: ``inspector programme status`` and the progress shown while `programme run` waits.

Everything comes from the store (tasks with their state, attempts, worker, heartbeat, result or reason;
workers with their last beat), so any machine that reaches the database can watch, and a watcher
that is stopped loses nothing.
"""

from __future__ import annotations

import sys
import time
from datetime import datetime
from typing import Any

import click

from inspector.settings import DistributedSettings
from inspector.store.programme import ProgrammeStore, is_stale

KIND_LABEL = {"audit": "audits", "availability": "samples", "probe": "probe follow-ups"}


def task_state(t: dict[str, Any], now: datetime, stale_after_s: float) -> str:
    """queued / running / running (stale: …) / done / failed, as shown to a person."""
    if t["state"] == "running" and is_stale(t["heartbeat_at"], now, stale_after_s):
        return "running (no heartbeat: worker lost, will be taken over)"
    return str(t["state"])


def status(ps: ProgrammeStore, programme_id: int, settings: DistributedSettings | None = None) -> dict[str, Any]:
    """The programme, every task (queued / running / done / failed, with reasons) and the workers."""
    settings = settings or DistributedSettings()
    prog = ps.get(programme_id)
    if prog is None:
        raise LookupError(f"no programme {programme_id} in this database (`inspector programme list` shows them)")
    now = ps.now()
    tasks = []
    for t in ps.tasks(programme_id):
        tasks.append(
            {
                "id": t["id"],
                "kind": t["kind"],
                "site": t["site"],
                "slot": t["slot"],
                "state": task_state(t, now, settings.stale_after_s),
                "attempts": t["attempts"],
                "worker": t["worker"],
                "heartbeat_s_ago": round((now - t["heartbeat_at"]).total_seconds(), 1) if t["heartbeat_at"] else None,
                "result": t["result"],
                "reason": t["reason"],
                "audit_id": t["audit_id"],
            }
        )
    workers = [
        {
            "name": w["name"],
            "state": w["state"]
            if w["state"] != "online" or not is_stale(w["heartbeat_at"], now, settings.stale_after_s)
            else "lost (no heartbeat)",
            "heartbeat_s_ago": round((now - w["heartbeat_at"]).total_seconds(), 1),
            "concurrency": w["concurrency"],
            "queues": w["queues"],
        }
        for w in ps.workers()
    ]
    return {
        "programme": {
            k: (v.isoformat() if isinstance(v, datetime) else v)
            for k, v in prog.items()
            if k
            in ("id", "key", "name", "state", "created_at", "finished_at", "report_state", "report_detail", "run_id")
        },
        "counts": ps.counts(programme_id),
        "tasks": tasks,
        "workers": workers,
    }


def print_status(data: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from inspector.safetext import one_line

    def for_terminal(value: str) -> Text:  # untrusted text: no markup, no control characters
        return Text(one_line(value or ""))

    console = Console(width=160 if not sys.stdout.isatty() else None)
    p = data["programme"]
    console.print(
        f"programme {p['id']} · {one_line(p['name'] or p['key'])} · {p['state']} · created {p['created_at']}"
        + (f" · finished {p['finished_at']}" if p["finished_at"] else ""),
        markup=False,
        highlight=False,
    )
    console.print(f"batch report: {p['report_state']} {one_line(p['report_detail'] or '')}", markup=False)
    summary = "; ".join(
        f"{KIND_LABEL.get(k, k)}: " + ", ".join(f"{n} {s}" for s, n in sorted(v.items()))
        for k, v in sorted(data["counts"].items())
    )
    console.print(summary or "no tasks", markup=False)
    table = Table(title="tasks")
    for col in ("#", "kind", "site", "state", "tries", "worker", "result / reason"):
        table.add_column(col)
    for t in data["tasks"]:
        table.add_row(
            str(t["id"]),
            t["kind"] + (f" {t['slot']}" if t["slot"] and t["kind"] != "probe" else ""),
            for_terminal(t["site"]),
            t["state"],
            str(t["attempts"]),
            for_terminal(t["worker"] or "—"),
            for_terminal(t["result"] or t["reason"] or ""),
        )
    console.print(table)
    if data["workers"]:
        wt = Table(title="workers")
        for col in ("worker", "state", "last heartbeat", "concurrency", "queues"):
            wt.add_column(col)
        for w in data["workers"]:
            wt.add_row(
                for_terminal(w["name"]),
                w["state"],
                f"{w['heartbeat_s_ago']:.0f} s ago",
                str(w["concurrency"]),
                w["queues"],
            )
        console.print(wt)


class Watcher:
    """Progress while a programme runs: bars per kind of task on a terminal, a line per change otherwise."""

    def __init__(self, ps: ProgrammeStore, programme_id: int, *, tty: bool | None = None, every_s: float = 1.0):
        self.ps, self.pid = ps, programme_id
        self.tty = sys.stderr.isatty() if tty is None else tty
        self.every_s = every_s
        self._last_line = ""
        self._last_print = 0.0

    def done(self) -> bool:
        counts = self.ps.counts(self.pid)
        return not any(v.get("queued") or v.get("running") for v in counts.values())

    def wait(self, timeout_s: float | None = None) -> bool:
        """Until no task is queued or running (True), or the timeout (False)."""
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        if self.tty:
            return self._wait_rich(deadline)
        while True:
            counts = self.ps.counts(self.pid)
            self._plain(counts)
            if not any(v.get("queued") or v.get("running") for v in counts.values()):
                return True
            if deadline is not None and time.monotonic() > deadline:
                return False
            time.sleep(self.every_s)

    def _plain(self, counts: dict[str, dict[str, int]]) -> None:
        line = "; ".join(
            f"{KIND_LABEL.get(k, k)} {v.get('done', 0) + v.get('failed', 0)}/{sum(v.values())}"
            + (f" ({v['running']} running)" if v.get("running") else "")
            + (f" ({v['failed']} failed)" if v.get("failed") else "")
            for k, v in sorted(counts.items())
        )
        now = time.monotonic()
        if line != self._last_line and (now - self._last_print > 5 or "running" not in line):
            click.echo(f"[programme {self.pid}] {line}", err=True)
            self._last_line, self._last_print = line, now

    def _wait_rich(self, deadline: float | None) -> bool:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        bars: dict[str, Any] = {}
        with Progress(
            TextColumn("{task.description:>16}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[note]}"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
        ) as progress:
            while True:
                counts = self.ps.counts(self.pid)
                for kind, v in sorted(counts.items()):
                    total = sum(v.values())
                    finished = v.get("done", 0) + v.get("failed", 0)
                    note = ", ".join(f"{v[s]} {s}" for s in ("running", "failed") if v.get(s))
                    if kind not in bars:
                        bars[kind] = progress.add_task(KIND_LABEL.get(kind, kind), total=total, note=note)
                    progress.update(bars[kind], total=total, completed=finished, note=note)
                if not any(v.get("queued") or v.get("running") for v in counts.values()):
                    return True
                if deadline is not None and time.monotonic() > deadline:
                    return False
                time.sleep(self.every_s)


__all__ = ["Watcher", "print_status", "status", "task_state"]
