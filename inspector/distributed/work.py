"""What one programme task does — the same code on a Celery worker and in-process without a broker.

``execute`` claims the task's row (``inspector.store.programme``), runs it under a heartbeat, stores
the result under its fencing token and, after the last audit of the programme, publishes the batch
report (the existing report writer) exactly once:

- ``audit``: ``audit_site`` for the site, resuming the audit a dead worker left behind from its
  frontier in the store (``StoreFrontier``); a crash after the audit was stored and before the task
  row said so is recognised by the audit id the task noted, so the site is never audited twice;
- ``availability``: one visit stamped with its slot; a sample already stored for that slot is not taken again;
- ``probe``: one probe's follow-up through its ledger (which moves only forward).

A site that is down is a result (the audit says "not inspected"), not an error. An infrastructure error
(database, broker, disk) raises ``InfrastructureError`` carrying the attempt's token, so the caller retries
with backoff and the retry resumes under the same claim.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from inspector.settings import DistributedSettings
from inspector.store.db import Store
from inspector.store.programme import ProgrammeStore
from inspector.timeutil import cst_now

log = logging.getLogger(__name__)


class InfrastructureError(Exception):
    """Our own infrastructure failed (not the site): retry later under the same claim."""

    def __init__(self, cause: BaseException, token: str | None):
        super().__init__(f"{type(cause).__name__}: {cause}"[:500])
        self.cause = cause
        self.token = token


class LostClaim(Exception):
    """Another worker took the task over (this one looked dead): stop without writing."""


class Busy(Exception):
    """The work is held elsewhere right now (another live worker's audit lease): try again later."""


def is_infrastructure_error(exc: BaseException) -> bool:
    """Database, broker or local-system trouble — never a property of the audited site."""
    from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    from inspector.crawl.site import CrawlAborted
    from inspector.store.db import StoreError

    if isinstance(exc, CrawlAborted):  # the crawl could not record a page: look at why
        cause = exc.__cause__ or exc.__context__
        return cause is not None and is_infrastructure_error(cause)
    if isinstance(exc, OperationalError | InterfaceError | DisconnectionError | PoolTimeout | StoreError):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    try:
        import redis.exceptions

        if isinstance(exc, redis.exceptions.ConnectionError | redis.exceptions.TimeoutError):
            return True
    except ImportError:  # pragma: no cover — redis is installed with the distributed extra
        pass
    return isinstance(exc, OSError)  # a full disk, too many open files (network errors never get here)


@dataclass
class Programme:
    """A programme run as a worker needs it, rebuilt from its row (no plan or profile file needed)."""

    id: int
    key: str
    name: str
    run_id: int | None
    plan: Any
    profile: Any
    options: dict[str, Any]

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Programme:
        from inspector.model import from_jsonable
        from inspector.plan import Plan
        from inspector.profile import Profile

        opts = dict(row["options"] or {})
        return cls(
            id=row["id"],
            key=row["key"],
            name=row["name"],
            run_id=row["run_id"],
            plan=from_jsonable(Plan, row["plan"]),
            profile=from_jsonable(Profile, opts.get("profile") or {}),
            options=opts,
        )

    @property
    def output(self) -> Path:
        return Path(self.options.get("output") or "reports")

    @property
    def lang(self) -> str:
        return str(self.options.get("lang") or "zh")

    def audit_options(self) -> Any:
        from inspector.audit import AuditOptions

        o = self.options
        opts = AuditOptions(
            profile=self.profile,
            as_of=o.get("as_of"),
            lang=self.lang,
            plan=self.plan,
            render=o.get("render", "auto"),
            screenshots=bool(o.get("screenshots", True)),
            fetch_settings=dict(o.get("fetch_settings") or {}),
        )
        if o.get("max_pages"):
            opts.max_pages = int(o["max_pages"])
        if o.get("max_depth"):
            opts.max_depth = int(o["max_depth"])
        if opts.screenshots:
            opts.screenshot_dir = self.output / "screenshots"
        return opts

    def probe_plan(self) -> Any:
        from inspector.model import from_jsonable
        from inspector.probe.plan import ProbePlan

        data = self.options.get("probe_plan")
        return from_jsonable(ProbePlan, data) if data else None


@dataclass
class Result:
    detail: str
    audit_id: int | None = None


@dataclass
class Outcome:
    state: str  # done | skipped | busy | failed | superseded | unknown
    detail: str = ""


@dataclass
class WorkContext:
    """Where a task runs: the store, who we are, settings, and how to get a fetcher."""

    store: Store
    worker: str
    settings: DistributedSettings = field(default_factory=DistributedSettings)
    limiter_url: str | None = None  # Redis for cluster-wide politeness (None: this process's politeness)
    shared_fetcher: Any = None  # in-process runs share one fetcher (global connection limit, one browser)
    progress: Callable[..., None] | None = None
    now: Callable[[], datetime] = cst_now

    def __post_init__(self) -> None:
        self.ps = ProgrammeStore(self.store, now=self.now)

    @contextlib.asynccontextmanager
    async def fetcher(self, options: Any, urls: list[str]) -> AsyncIterator[Any]:
        if self.shared_fetcher is not None:
            yield self.shared_fetcher
            return
        from inspector.audit import make_fetcher

        async with make_fetcher(options, urls) as f:
            async with self.politeness(f):
                yield f

    @contextlib.asynccontextmanager
    async def politeness(self, fetcher: Any) -> AsyncIterator[None]:
        """Put the fetcher under the cluster-wide per-host limiter (when there is a Redis)."""
        if not self.limiter_url:
            yield
            return
        from inspector.distributed.limiter import cluster_politeness

        limiter = cluster_politeness(self.limiter_url, fetcher.settings, self.settings.limiter_lease_s)
        fetcher.politeness = limiter
        try:
            yield
        finally:
            await limiter.aclose()


def backoff_s(attempt: int, maximum_s: float) -> float:
    """Exponential backoff with full jitter (as Celery's ``get_exponential_backoff_interval``)."""
    import random

    return random.uniform(0, min(maximum_s, 2.0**attempt))


def worker_name(prefix: str = "local") -> str:
    return f"{prefix}@{socket.gethostname()}:{os.getpid()}"


# ------------------------------------------------------------------------------------------------ execute
async def execute(ctx: WorkContext, programme_id: int, task_id: int, resume: str | None = None) -> Outcome:
    """Claim and run one task; raises ``InfrastructureError`` for a retry."""
    token = resume
    try:
        row = ctx.ps.get(programme_id)
        if row is None:
            return Outcome("unknown", f"programme {programme_id} is not in this database")
        prog = Programme.from_row(row)
        claim = ctx.ps.claim(task_id, ctx.worker, stale_after_s=ctx.settings.stale_after_s, resume=resume)
        if claim.outcome == "missing":
            return Outcome("unknown", f"task {task_id} of programme {programme_id} is not in this database")
        if claim.outcome == "done":
            await publish_if_complete(ctx, prog)
            return Outcome("skipped", f"already done: {claim.row['result']}")
        if claim.outcome == "busy":
            return Outcome("busy", f"running on {claim.row['worker']}")
        token = claim.token
        assert token is not None
        task = claim.row
        runner = RUNNERS[task["kind"]]
        try:
            result = await _with_heartbeat(ctx, task_id, token, runner(ctx, prog, task, token))
        except LostClaim:
            log.warning(
                "task %s (%s %s) was taken over by another worker; stopped", task_id, task["kind"], task["site"]
            )
            return Outcome("superseded", "taken over by another worker")
        except Busy as exc:
            ctx.ps.release(task_id, token, str(exc))
            return Outcome("busy", str(exc))
        except Exception as exc:
            if is_infrastructure_error(exc):
                raise
            reason = f"{type(exc).__name__}: {exc}"
            log.error("task %s (%s %s) failed: %s", task_id, task["kind"], task["site"], reason)
            ctx.ps.fail(task_id, token, reason)
            await publish_if_complete(ctx, prog)
            return Outcome("failed", reason)
        if not ctx.ps.finish(task_id, token, result=result.detail, audit_id=result.audit_id):
            return Outcome("superseded", "taken over by another worker before it finished")
        await publish_if_complete(ctx, prog)
        return Outcome("done", result.detail)
    except InfrastructureError:
        raise
    except Exception as exc:
        if is_infrastructure_error(exc):
            raise InfrastructureError(exc, token) from exc
        raise


async def _with_heartbeat(ctx: WorkContext, task_id: int, token: str, coro: Any) -> Any:
    """Run ``coro`` while beating the task's heartbeat; cancel it if the claim is lost."""
    main = asyncio.ensure_future(coro)
    lost = False

    async def beat() -> None:
        nonlocal lost
        while True:
            await asyncio.sleep(ctx.settings.heartbeat_s)
            try:
                ok = await asyncio.to_thread(ctx.ps.heartbeat, task_id, token)
            except Exception as exc:  # noqa: BLE001 — the database is down: the task itself will notice
                log.warning("heartbeat of task %s failed: %s", task_id, exc)
                continue
            if not ok:
                lost = True
                main.cancel()
                return

    hb = asyncio.ensure_future(beat())
    try:
        return await main
    except asyncio.CancelledError:
        if lost:
            raise LostClaim() from None
        raise
    finally:
        hb.cancel()
        if not main.done():
            main.cancel()


# ------------------------------------------------------------------------------------------------ runners
async def run_audit_task(ctx: WorkContext, prog: Programme, task: dict[str, Any], token: str) -> Result:
    from inspector.audit import audit_site
    from inspector.store.leases import AuditBusy, heartbeats
    from inspector.store.tables import Audit

    site, store = task["site"], ctx.store
    noted = task.get("audit_id")
    if noted:  # an earlier attempt stored this audit and died before saying so: do not audit twice
        with store.session() as s:
            audit = s.get(Audit, noted)
            if audit is not None and audit.status == "done":
                return Result(f"{audit.verdict} {audit.score}", noted)
    run_id = prog.run_id if prog.run_id is not None else _ensure_run(ctx, prog)
    _adopt_audit(store, run_id, site)
    options = prog.audit_options()
    if options.screenshot_dir is not None:
        options.screenshot_dir.mkdir(parents=True, exist_ok=True)
    outer = ctx.progress

    def progress(event: str, **data: Any) -> None:
        if event == "site_start" and data.get("audit_id"):  # audit_site has its audit row: note it on the task
            ctx.ps.note_audit(task["id"], token, int(data["audit_id"]))
        if outer is not None:
            outer(event, **data)

    options.progress = progress
    try:
        async with ctx.fetcher(options, [site]) as fetcher, heartbeats(store):
            verdict = await audit_site(site, options, store=store, run_id=run_id, fetcher=fetcher)
    except AuditBusy as exc:  # the audit's lease is still held (its owner not yet seen dead): later
        raise Busy(str(exc)) from None
    return Result(f"{verdict.verdict} {verdict.score}", verdict.run.get("audit_id"))


def _adopt_audit(store: Store, run_id: int, site: str) -> None:
    """This attempt holds the task's claim, so the site's running audit of this programme is its to resume.

    The audit lease (``inspector.store.leases``) of an earlier attempt may still name a live process — a
    pool process whose attempt failed on a database outage and could not release it — which would make
    every other worker wait for it; the task claim (fenced, with a heartbeat) is the authority here."""
    from sqlalchemy import select, update

    from inspector.store.tables import Audit, Site

    with store.session() as s:
        s.execute(
            update(Audit)
            .where(
                Audit.run_id == run_id,
                Audit.status == "running",
                Audit.site_id.in_(select(Site.id).where(Site.url == site)),
            )
            .values(owner=None)
            .execution_options(synchronize_session=False)
        )


def _ensure_run(ctx: WorkContext, prog: Programme) -> int:
    from inspector import __version__

    run_id = ctx.store.start_run(prog.profile.id, str(prog.options.get("as_of")), __version__, {"programme": prog.key})
    ctx.ps.set_run_id(prog.id, run_id)
    prog.run_id = run_id
    return run_id


async def run_sample_task(ctx: WorkContext, prog: Programme, task: dict[str, Any], token: str) -> Result:
    from inspector.crawl import Fetcher, sample_availability
    from inspector.settings import CrawlSettings

    site = task["site"]
    at = datetime.fromisoformat(task["slot"]) if task["slot"] else ctx.now().replace(microsecond=0)
    if ctx.store.availability(site, at, at):  # stored by an attempt that died before saying so
        return Result("already sampled")
    # One visit is one visit: no retry on 503, the 15-second rule as the timeout (as the scheduler does).
    async with Fetcher(CrawlSettings(retry_times=0, timeout_s=15.0)) as f:
        async with ctx.politeness(f):
            sample = await sample_availability(site, fetcher=f, at=at)
    ctx.store.add_availability(site, sample)
    return Result("ok" if sample.ok else f"failed: {sample.error or sample.status}")


async def run_probe_task(ctx: WorkContext, prog: Programme, task: dict[str, Any], token: str) -> Result:
    from inspector.probe.ledger import ProbeLedger
    from inspector.probe.service import follow_probe

    plan = prog.probe_plan()
    if plan is None:
        return Result("no probe plan")
    ledger = ProbeLedger("", engine=ctx.store.engine)
    out = await follow_probe(plan, ledger, task["slot"], ctx.now())
    return Result(str(out.get("state", "unknown")) if out else "not an open probe")


RUNNERS = {"audit": run_audit_task, "availability": run_sample_task, "probe": run_probe_task}


# ------------------------------------------------------------------------------------------------ report
def programme_verdicts(ctx: WorkContext, prog: Programme) -> list[Any]:
    """The stored verdict of each audited site of the programme, in plan order."""
    from inspector.model import Verdict, from_jsonable
    from inspector.store.tables import Audit

    by_site: dict[str, Any] = {}
    for t in ctx.ps.tasks(prog.id):
        if t["kind"] == "audit" and t["state"] == "done" and t["audit_id"]:
            with ctx.store.session() as s:
                audit = s.get(Audit, t["audit_id"])
                if audit is not None and audit.verdict_json:
                    by_site[t["site"]] = from_jsonable(Verdict, audit.verdict_json)
    order = [s.url for s in prog.plan.sites]
    return [by_site[u] for u in order if u in by_site] + [v for u, v in by_site.items() if u not in order]


async def publish_if_complete(ctx: WorkContext, prog: Programme) -> str | None:
    """After the last audit of the programme is stored: write the batch report, once."""
    counts = ctx.ps.counts(prog.id)
    if ctx.ps.maybe_finish(prog.id) and prog.run_id is not None:
        ctx.store.finish_run(prog.run_id)
    audits = counts.get("audit", {})
    if not audits or any(audits.get(s) for s in ("queued", "running")):
        return None
    if not ctx.ps.claim_report(prog.id, stale_after_s=ctx.settings.report_stale_s):
        return None
    from inspector.report import write_reports

    try:
        verdicts = programme_verdicts(ctx, prog)
        if not verdicts:
            ctx.ps.finish_report(prog.id, "none", "no audit finished")
            return None
        formats = set(prog.options.get("formats") or ["html", "json"])
        written = await asyncio.to_thread(write_reports, verdicts, prog.output, formats, lang=prog.lang)
    except Exception as exc:
        if is_infrastructure_error(exc) and not isinstance(exc, OSError):
            raise
        ctx.ps.finish_report(prog.id, "failed", f"{type(exc).__name__}: {exc}")
        log.error("batch report of programme %s failed: %s", prog.id, exc)
        return None
    detail = f"{len(written)} files in {prog.output}"
    ctx.ps.finish_report(prog.id, "done", detail)
    log.info("programme %s: batch report published (%s)", prog.id, detail)
    return detail


__all__ = [
    "InfrastructureError",
    "Outcome",
    "Programme",
    "WorkContext",
    "backoff_s",
    "execute",
    "is_infrastructure_error",
    "programme_verdicts",
    "publish_if_complete",
    "worker_name",
]
