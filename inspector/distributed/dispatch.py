"""From a plan to a programme run on the queue (or in this process when there is no broker).

``create_programme`` writes the programme run (the plan, profile and probe plan as data, so workers need
no files) and one task row per site audit, per availability sample and per open probe's follow-up.
``publish`` sends one Celery message per task that is not done; sending the same task twice is harmless
(the store's idempotency key decides), which is also what ``programme resume`` relies on.
``run_local`` executes the tasks in this process, with the same claims and the same report at the end.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from inspector import __version__
from inspector.settings import DistributedSettings
from inspector.store.db import Store
from inspector.store.programme import ProgrammeStore, TaskRef
from inspector.timeutil import cst_now

log = logging.getLogger(__name__)

KINDS = ("audit", "availability", "probes")


@dataclass
class ProgrammeRequest:
    """What `inspector programme run` asks for."""

    plan: Any  # inspector.plan.Plan
    kinds: tuple[str, ...] = ("audit", "probes")
    as_of: str | None = None  # YYYY-MM-DD; None: today
    lang: str = "zh"
    formats: tuple[str, ...] = ("html", "json")
    output: str | None = None  # default: the plan's output
    name: str = ""
    key: str | None = None  # idempotency of the programme itself (the scheduler's slot); None: a new run
    max_pages: int | None = None
    max_depth: int | None = None
    render: str = "auto"
    screenshots: bool = True
    fetch_settings: dict[str, Any] = field(default_factory=dict)
    sample_at: datetime | None = None  # availability slot time; None: now


def create_programme(store: Store, req: ProgrammeRequest) -> tuple[int, list[TaskRef]]:
    """The programme run and its tasks (idempotent per ``req.key``)."""
    from inspector.model import to_jsonable
    from inspector.probe.plan import load_plan as load_probe_plan
    from inspector.profile import load_profile

    plan = req.plan
    profile = load_profile(plan.profile)
    probe_plan = load_probe_plan(plan.probe_plan) if plan.probe_plan and "probes" in req.kinds else None
    as_of = req.as_of or cst_now().date().isoformat()
    output = str(Path(req.output or plan.output).expanduser().resolve())
    key = req.key or f"run:{uuid.uuid4().hex}"
    ps = ProgrammeStore(store)
    existing = ps.find(key)
    if existing is not None:
        pid = existing["id"]
    else:
        run_id = store.start_run(
            profile.id, as_of, __version__, {"programme": key, "urls": [s.url for s in plan.sites]}
        )
        options = {
            "as_of": as_of,
            "lang": req.lang,
            "formats": sorted(req.formats),
            "output": output,
            "profile": to_jsonable(profile),
            "probe_plan": to_jsonable(probe_plan) if probe_plan else None,
            "max_pages": req.max_pages,
            "max_depth": req.max_depth,
            "render": req.render,
            "screenshots": req.screenshots,
            "fetch_settings": dict(req.fetch_settings),
            "kinds": list(req.kinds),
        }
        name = req.name or (Path(plan.path).stem if plan.path not in ("", "<plan>") else "")
        pid, _ = ps.create(key, name=name or key, plan=to_jsonable(plan), options=options, run_id=run_id)
    items: list[tuple[str, str, str]] = []
    if "audit" in req.kinds:
        items += [("audit", s.url, "") for s in plan.sites]
    if "availability" in req.kinds:
        at = (req.sample_at or cst_now()).replace(microsecond=0).isoformat()
        items += [("availability", s.url, at) for s in plan.sites]
    if probe_plan is not None:
        items += [("probe", site, token) for site, token in _open_probes(store, probe_plan)]
    return pid, ps.add_tasks(pid, items)


def _open_probes(store: Store, probe_plan: Any) -> list[tuple[str, str]]:
    from inspector.probe.ledger import FOLLOW_STATES, ProbeLedger

    sites = {t.site for t in probe_plan.targets}
    ledger = ProbeLedger("", engine=store.engine)
    return [(r["site"], r["token"]) for r in ledger.all(states=FOLLOW_STATES) if r["site"] in sites]


def publish(app: Any, programme_id: int, refs: list[TaskRef], settings: DistributedSettings) -> int:
    """One message per task not done yet; returns how many were sent."""
    from inspector.distributed.app import TASK_NAME, queue_for

    sent = 0
    for ref in refs:
        if ref.state == "done":
            continue
        app.send_task(
            TASK_NAME, kwargs={"programme": programme_id, "task": ref.id}, queue=queue_for(ref.kind, settings)
        )
        sent += 1
    return sent


def submit(
    store: Store, req: ProgrammeRequest, *, broker_url: str, settings: DistributedSettings | None = None
) -> tuple[int, int]:
    """Create the programme and put its tasks on the queue: (programme id, messages sent)."""
    from inspector.distributed.app import make_app

    settings = settings or DistributedSettings()
    pid, refs = create_programme(store, req)
    app = make_app(broker_url, None, settings)
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=3)
        return pid, publish(app, pid, refs, settings)
    finally:
        app.close()


def resume(
    store: Store, programme_id: int, *, broker_url: str | None, settings: DistributedSettings | None = None
) -> int:
    """Put every task of the programme that is not done back on the queue (failed ones included)."""
    settings = settings or DistributedSettings()
    ps = ProgrammeStore(store)
    ps.reset_failed(programme_id)
    refs = ps.unfinished(programme_id)
    if broker_url is None:
        return len(refs)
    from inspector.distributed.app import make_app

    app = make_app(broker_url, None, settings)
    try:
        return publish(app, programme_id, refs, settings)
    finally:
        app.close()


async def run_local(
    store: Store,
    programme_id: int,
    *,
    concurrency: int = 4,
    settings: DistributedSettings | None = None,
    progress: Any = None,
) -> list[Any]:
    """Run the programme's unfinished tasks in this process (no broker); returns the outcomes."""
    from inspector.audit import make_fetcher
    from inspector.distributed.work import InfrastructureError, Programme, WorkContext, backoff_s, execute, worker_name

    settings = settings or DistributedSettings()
    ps = ProgrammeStore(store)
    row = ps.get(programme_id)
    if row is None:
        raise ValueError(f"programme {programme_id} is not in this database")
    prog = Programme.from_row(row)
    refs = ps.unfinished(programme_id)
    options = prog.audit_options()
    sem = asyncio.Semaphore(max(1, concurrency))
    async with make_fetcher(options, [s.url for s in prog.plan.sites]) as fetcher:
        ctx = WorkContext(store, worker_name("local"), settings, shared_fetcher=fetcher, progress=progress)

        async def one(ref: TaskRef) -> Any:
            async with sem:
                token = None
                for attempt in range(settings.max_infra_retries + 1):
                    try:
                        return await execute(ctx, programme_id, ref.id, token)
                    except InfrastructureError as exc:
                        token = exc.token
                        wait = backoff_s(attempt + 1, settings.retry_backoff_max_s)
                        log.warning("task %s: %s; retry in %.0f s", ref.id, exc, wait)
                        await asyncio.sleep(wait)
                return None

        return list(await asyncio.gather(*(one(r) for r in refs)))


def broker_tasks(plan: Any, store: Store, *, lang: str = "zh", settings: DistributedSettings | None = None) -> Any:
    """The scheduler's tasks with a broker: each due slot is put on the queue as a programme task.

    An audit slot belongs to the programme of its cron slot (every site of the plan, one batch report when
    the last is stored); a sample to the day's sampling programme; a probes slot to its own. The slot is
    done for the scheduler once its task is on the queue; sending it again after a scheduler restart is
    harmless (the programme task's key decides). The report slot still runs in the scheduler."""
    import dataclasses

    from inspector.distributed.app import make_app
    from inspector.schedule import REPORT_FORMATS, standard_tasks

    settings = settings or DistributedSettings()
    local = standard_tasks(dataclasses.replace(plan, broker=None), store, lang=lang)
    base = f"schedule:{Path(plan.path).resolve() if plan.path not in ('', '<plan>') else plan.path}"
    ps = ProgrammeStore(store)
    app = make_app(plan.broker, None, settings)

    def put(pid: int, refs: list[TaskRef]) -> str:
        sent = publish(app, pid, refs, settings)
        return f"queued as programme {pid} ({sent} task{'s' if sent != 1 else ''})"

    async def audit(slot: Any, now: datetime) -> str:
        req = ProgrammeRequest(
            plan=plan,
            kinds=("audit",),
            as_of=slot.due_at.date().isoformat(),
            lang=lang,
            formats=tuple(REPORT_FORMATS),
            key=f"{base}:audit:{slot.due_at.isoformat()}",
            name=f"audit {slot.due_at:%Y-%m-%d %H:%M}",
        )
        pid, refs = await asyncio.to_thread(create_programme, store, req)  # every site: one report at the end
        return put(pid, [r for r in refs if r.site == slot.site])

    async def availability(slot: Any, now: datetime) -> str:
        req = ProgrammeRequest(
            plan=plan,
            kinds=(),
            lang=lang,
            key=f"{base}:availability:{slot.due_at.date().isoformat()}",
            name=f"samples {slot.due_at:%Y-%m-%d}",
        )
        pid, _ = await asyncio.to_thread(create_programme, store, req)
        refs = ps.add_tasks(pid, [("availability", slot.site, slot.due_at.isoformat())])
        return put(pid, refs)

    async def probes(slot: Any, now: datetime) -> str:
        if not plan.probe_plan:
            return "no probe plan"
        req = ProgrammeRequest(
            plan=plan, kinds=("probes",), lang=lang, key=f"{base}:probes:{slot.due_at.isoformat()}", name="probes"
        )
        pid, refs = await asyncio.to_thread(create_programme, store, req)
        return put(pid, refs)

    return {"availability": availability, "audit": audit, "probes": probes, "report": local["report"]}


__all__ = ["KINDS", "broker_tasks", "ProgrammeRequest", "create_programme", "publish", "resume", "run_local", "submit"]
