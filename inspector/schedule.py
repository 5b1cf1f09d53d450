"""Scheduled inspection programmes: availability samples, audits, probe follow-ups, reports.

Cron expressions (croniter) say when each kind of task is due. Every (kind, site, slot) is claimed
in the store's ``task_runs`` table before it runs (a unique row), so a restart neither loses a
slot nor runs it twice: a slot left ``running`` by a killed scheduler is resumed — an audit
continues from its stored frontier, probes reconcile through their ledger.

Time is injected (``now``/``sleep``) so a week of availability samples can be simulated in seconds.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import signal
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from croniter import croniter
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from inspector.plan import Plan
from inspector.store.db import Store
from inspector.store.tables import TaskRun
from inspector.timeutil import cst_now

log = logging.getLogger(__name__)

PLAN_WIDE = "*"
DEFAULT_SCHEDULES = {"audit": "0 2 * * *", "probes": "0 9 * * *", "report": "30 7 * * *"}
JITTER_MAX_S = 600  # spread a hundred sites' samples over up to ten minutes
MAX_ATTEMPTS = 3  # a failing task is tried again on later passes, this many times in all
# Slot states that end a slot. "missed": an availability slot whose visit can no longer be made
# honestly (a later slot of the same site is already due: a visit now would not measure it).
FINAL_STATES = ("done", "missed")


@dataclass(frozen=True)
class Slot:
    kind: str
    site: str
    due_at: datetime


def _jitter(site: str, span_s: int) -> timedelta:
    """Deterministic per-site offset, so sites do not hit at the same second and restarts agree."""
    h = int(hashlib.sha1(site.encode("utf-8")).hexdigest()[:8], 16)
    return timedelta(seconds=h % max(1, span_s))


class Schedule:
    """When each task of a plan is due."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.crons = {**DEFAULT_SCHEDULES, **plan.schedules}

    def _availability_slots(self, site: str, start: datetime, end: datetime) -> list[datetime]:
        expr = self.plan.schedules.get("availability")
        if expr:
            it = croniter(expr, start - timedelta(seconds=JITTER_MAX_S + 1))
            out: list[datetime] = []
            while True:
                t = it.get_next(datetime) + _jitter(site, JITTER_MAX_S)
                if t > end:
                    return out
                if t > start:
                    out.append(t)
        # ≥ samples_per_day evenly spread over the day, shifted by the site's jitter.
        n = max(1, self.plan.samples_per_day)
        step = timedelta(seconds=86400 / n)
        offset = _jitter(site, int(step.total_seconds()))
        day = start.replace(hour=0, minute=0, second=0, microsecond=0)
        out = []
        while day <= end:
            for k in range(n):
                t = day + k * step + offset
                if start < t <= end:
                    out.append(t.replace(microsecond=0))
            day += timedelta(days=1)
        return out

    def slots_between(self, start: datetime, end: datetime) -> list[Slot]:
        """Every slot due in (start, end], in time order."""
        slots: list[Slot] = []
        for site in self.plan.sites:
            slots += [Slot("availability", site.url, t) for t in self._availability_slots(site.url, start, end)]
            slots += [Slot("audit", site.url, t) for t in _cron_between(self.crons["audit"], start, end)]
        for kind in ("probes", "report"):
            slots += [Slot(kind, PLAN_WIDE, t) for t in _cron_between(self.crons[kind], start, end)]
        order = {"availability": 0, "audit": 1, "probes": 2, "report": 3}
        return sorted(slots, key=lambda s: (s.due_at, order[s.kind], s.site))


def _cron_between(expr: str, start: datetime, end: datetime) -> list[datetime]:
    it = croniter(expr, start)
    out: list[datetime] = []
    while True:
        t = it.get_next(datetime)
        if t > end:
            return out
        out.append(t)


TaskFn = Callable[[Slot, datetime], Awaitable[str]]


class Scheduler:
    def __init__(
        self,
        plan: Plan,
        store: Store,
        tasks: dict[str, TaskFn],
        *,
        now: Callable[[], datetime] = cst_now,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        catch_up: timedelta = timedelta(days=1),
    ):
        self.plan, self.store, self.tasks = plan, store, tasks
        self.schedule = Schedule(plan)
        self.now, self.sleep = now, sleep
        self.catch_up = catch_up
        self._scanned_to: datetime | None = None  # slots up to here were looked at by this process
        self._stop = asyncio.Event()

    # ----------------------------------------------------------------------- state in the store
    def _last_claimed(self) -> datetime | None:
        with self.store.session() as s:
            return s.scalar(select(TaskRun.due_at).order_by(TaskRun.due_at.desc()).limit(1))

    def _claim(self, slot: Slot) -> bool:
        """Take a slot; False when it is already done. A slot left running by a dead scheduler is retaken."""
        with self.store.session() as s:
            row = s.scalar(
                select(TaskRun).where(
                    TaskRun.kind == slot.kind, TaskRun.site == slot.site, TaskRun.due_at == slot.due_at
                )
            )
            if row is not None:
                if row.state == "done":
                    return False
                row.state, row.attempts, row.started_at = "running", row.attempts + 1, self.now()
                return True
        try:
            with self.store.session() as s:
                s.add(
                    TaskRun(
                        kind=slot.kind,
                        site=slot.site,
                        due_at=slot.due_at,
                        state="running",
                        started_at=self.now(),
                        attempts=1,
                        detail="",
                    )
                )
            return True
        except IntegrityError:  # another scheduler took it a moment ago
            return False

    def _finish(self, slot: Slot, state: str, detail: str) -> None:
        with self.store.session() as s:
            s.execute(
                update(TaskRun)
                .where(TaskRun.kind == slot.kind, TaskRun.site == slot.site, TaskRun.due_at == slot.due_at)
                .values(state=state, finished_at=self.now(), detail=detail[:2000])
            )

    def pending(self) -> list[Slot]:
        """Slots due now that are not done: unfinished ones first, then new ones since the last slot.

        A slot that failed is tried again on a later pass, ``MAX_ATTEMPTS`` times in all."""
        now = self.now()
        with self.store.session() as s:
            rows = s.execute(
                select(TaskRun.kind, TaskRun.site, TaskRun.due_at, TaskRun.state, TaskRun.attempts).where(
                    TaskRun.state.not_in(FINAL_STATES)
                )
            ).all()
        unfinished = [
            Slot(k, site, t) for k, site, t, state, attempts in rows if state != "failed" or attempts < MAX_ATTEMPTS
        ]
        exhausted = {Slot(k, site, t) for k, site, t, state, attempts in rows if state == "failed"} - set(unfinished)
        if self._scanned_to is not None:
            start = self._scanned_to
        else:  # after a restart: continue from the last slot taken, at most `catch_up` back
            last = self._last_claimed()
            start = max(last, now - self.catch_up) if last else now - timedelta(minutes=1)
        fresh = [s for s in self.schedule.slots_between(start, now) if s not in unfinished and s not in exhausted]
        return sorted(set(unfinished), key=lambda s: s.due_at) + fresh

    def is_first_run(self) -> bool:
        """No slot of this store was ever taken: the programme starts now."""
        return self._last_claimed() is None

    def upcoming(self, days: int = 8) -> dict[str, datetime]:
        """The next slot of each kind of task (for the first-run message)."""
        now = self.now()
        out: dict[str, datetime] = {}
        for slot in self.schedule.slots_between(now, now + timedelta(days=days)):
            out.setdefault(slot.kind, slot.due_at)
        return out

    @staticmethod
    def _superseded(slots: list[Slot], now: datetime) -> set[Slot]:
        """Availability slots with a later slot of the same site already due: their visit is missed."""
        latest: dict[str, datetime] = {}
        for s in slots:
            if s.kind == "availability" and s.due_at <= now:
                latest[s.site] = max(latest.get(s.site, s.due_at), s.due_at)
        return {s for s in slots if s.kind == "availability" and s.due_at < latest.get(s.site, s.due_at)}

    # ----------------------------------------------------------------------- running
    async def run_due(self) -> list[tuple[Slot, str, str]]:
        """Run everything due now (``inspector schedule once``); returns (slot, state, detail)."""
        done: list[tuple[Slot, str, str]] = []
        scan_end = self.now()
        pending = self.pending()
        missed = self._superseded(pending, scan_end)
        for slot in pending:
            if self._stop.is_set():
                return done
            if not self._claim(slot):
                continue
            if slot in missed:
                detail = "missed: a later sample of this site is already due (a late visit would not measure this slot)"
                self._finish(slot, "missed", detail)
                done.append((slot, "missed", detail))
                continue
            task = self.tasks.get(slot.kind)
            if task is None:
                self._finish(slot, "done", "no task configured")
                continue
            try:
                detail = await task(slot, self.now())
                state = "done"
            except asyncio.CancelledError:
                raise  # killed: the slot stays "running" and is resumed after a restart
            except Exception as exc:
                # One line for the operator; the traceback only when asked for (INSPECTOR_DEBUG=1).
                log.error(
                    "task %s for %s failed: %s: %s",
                    slot.kind,
                    slot.site,
                    type(exc).__name__,
                    exc,
                    exc_info=bool(os.environ.get("INSPECTOR_DEBUG")),
                )
                state, detail = "failed", f"{type(exc).__name__}: {exc}"
            self._finish(slot, state, detail)
            done.append((slot, state, detail))
        self._scanned_to = max(scan_end, self._scanned_to or scan_end)
        return done

    def next_due(self) -> datetime | None:
        now = self.now()
        upcoming = self.schedule.slots_between(now, now + timedelta(days=8))
        return upcoming[0].due_at if upcoming else None

    def stop(self) -> None:
        self._stop.set()

    async def run_forever(self, on_event: Callable[[str], None] | None = None) -> None:
        """``inspector schedule run``: run due work, sleep until the next slot, until stopped."""
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, self.stop)
            except (NotImplementedError, RuntimeError):  # not the main thread / platform
                pass
        while not self._stop.is_set():
            for slot, state, detail in await self.run_due():
                if on_event:
                    on_event(f"{slot.due_at:%Y-%m-%d %H:%M:%S} {slot.kind:12} {slot.site} {state} {detail}")
            nxt = self.next_due()
            if nxt is None:
                return
            wait = max(0.0, (nxt - self.now()).total_seconds())
            sleeper = asyncio.ensure_future(self.sleep(wait))
            stopper = asyncio.ensure_future(self._stop.wait())
            await asyncio.wait({sleeper, stopper}, return_when=asyncio.FIRST_COMPLETED)
            for t in (sleeper, stopper):
                t.cancel()


def standard_tasks(
    plan: Plan,
    store: Store,
    *,
    fetcher_factory: Callable[[], Any] | None = None,
    lang: str = "zh",
    alerter: Any | None = None,
) -> dict[str, TaskFn]:
    """The built-in task implementations: sample, audit, follow probes, publish the batch report.

    ``alerter`` (an ``inspector.alerts.Alerter``; by default the plan's ``alerts:``) hears of a site
    going down and coming back, a new veto and a probe becoming overdue.

    With a ``broker:`` in the plan each due slot becomes a task for the Celery workers instead
    (``inspector.distributed.dispatch.broker_tasks``); the report slot still runs here."""
    if plan.broker and fetcher_factory is None:
        from inspector.distributed.dispatch import broker_tasks

        return broker_tasks(plan, store, lang=lang)
    from pathlib import Path

    from inspector.audit import AuditOptions, audit_site, make_fetcher
    from inspector.crawl import Fetcher, sample_availability
    from inspector.profile import load_profile
    from inspector.settings import CrawlSettings

    profile = load_profile(plan.profile)
    if alerter is None and plan.alerts:
        from inspector.alerts import Alerter

        alerter = Alerter.from_plan(plan, store)

    def fetcher_for(options: AuditOptions | None = None) -> Any:
        if fetcher_factory:
            return fetcher_factory()
        return make_fetcher(options or AuditOptions(profile=profile, plan=plan))

    async def availability(slot: Slot, now: datetime) -> str:
        # One visit is one visit: no retry on 503, the 15-second rule as the timeout. The sample is
        # stamped with its slot (the scheduler runs only the latest due slot of a site, see run_due).
        async with fetcher_factory() if fetcher_factory else Fetcher(CrawlSettings(retry_times=0, timeout_s=15.0)) as f:
            sample = await sample_availability(slot.site, fetcher=f, at=slot.due_at)
        store.add_availability(slot.site, sample)
        detail = "ok" if sample.ok else f"failed: {sample.error or sample.status}"
        if alerter is not None:
            sent = await alerter.on_sample(slot.site, sample)
            detail += f"; alerts: {', '.join(sent)}" if sent else ""
        return detail

    async def audit(slot: Slot, now: datetime) -> str:
        options = AuditOptions(profile=profile, as_of=now.date().isoformat(), plan=plan, lang=lang)
        out = Path(plan.output)
        options.screenshot_dir = out / "screenshots"
        options.screenshot_dir.mkdir(parents=True, exist_ok=True)
        run_id = store.start_run(profile.id, now.isoformat(), "scheduled", {"slot": str(slot.due_at)})
        async with fetcher_for(options) as fetcher:
            v = await audit_site(slot.site, options, store=store, run_id=run_id, fetcher=fetcher)
        store.finish_run(run_id)
        pruned = store.prune_bodies(plan.retention_days)  # raw bodies for N days, findings forever
        detail = f"{v.verdict} {v.score}" + (f"; pruned {pruned} page bodies" if pruned else "")
        if alerter is not None:
            sent = await alerter.on_verdict(v, now)
            detail += f"; alerts: {', '.join(sent)}" if sent else ""
        return detail

    async def probes(slot: Slot, now: datetime) -> str:
        if not plan.probe_plan:
            return "no probe plan"
        from inspector.probe.service import follow_probes

        db_url = store.engine.url.render_as_string(hide_password=False)
        results = await asyncio.to_thread(follow_probes, plan.probe_plan, db_url, now)
        detail = f"{len(results)} probes followed"
        if alerter is not None:
            sent = await alerter.on_probes(results, now)
            detail += f"; alerts: {', '.join(sent)}" if sent else ""
        return detail

    async def report(slot: Slot, now: datetime) -> str:
        from inspector.report import write_reports

        verdicts = latest_verdicts(plan, store)
        if not verdicts:
            return "nothing to report yet"
        written = write_reports(verdicts, Path(plan.output), REPORT_FORMATS, lang=lang, templates=None)
        return f"wrote {len(written)} files to {plan.output}"

    return {"availability": availability, "audit": audit, "probes": probes, "report": report}


# What the scheduled report writes: the batch page and site pages, the 整改清单 (HTML, CSV, XLSX), JSON.
REPORT_FORMATS = {"html", "json", "csv", "xlsx"}


def latest_verdicts(plan: Plan, store: Store) -> list[Any]:
    """The newest stored verdict of each site of the plan, in plan order.

    The store keeps a verdict as ``model.to_jsonable`` (no schema envelope): it is read back with the
    one deserialiser, not with the JSON-report reader, which insists on the envelope."""
    from inspector.model import Verdict, from_jsonable

    out = []
    for site in plan.sites:
        stored = store.previous_verdict(site.url)
        if stored:
            out.append(from_jsonable(Verdict, stored))
    return out
