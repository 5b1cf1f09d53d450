"""Programmes on a queue (issue 17): runs, their tasks with idempotency keys, and worker heartbeats.

Every unit of work of a programme — one site audit, one availability sample, one probe follow-up — is a
row of ``programme_tasks``, unique per (programme run, kind, site, slot). A worker *claims* the row
before it works (one conditional UPDATE, atomic on SQLite and PostgreSQL) and gets a fencing token;
its heartbeats, its result and its failure are written only while the row still carries that token.
So a task delivered twice (a duplicate enqueue, a broker redelivery after a lost worker) is done once:
the second delivery finds it done and skips, finds it running under a fresh heartbeat and waits, or
finds the heartbeat stale (its worker died) and takes it over, resuming the audit from its frontier.

Times are the project's naive China Standard Time; workers' clocks are assumed to be in step (NTP).
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from inspector.store.db import Store
from inspector.store.tables import Audit, ProgrammeRun, ProgrammeTask, Site, WorkerRow
from inspector.timeutil import cst_now

TASK_KINDS = ("audit", "availability", "probe")
TERMINAL = ("done", "failed")

ClaimOutcome = Literal["taken", "done", "busy", "missing"]


def task_key(kind: str, site: str, slot: str = "") -> str:
    return hashlib.sha1(f"{kind}|{site}|{slot}".encode()).hexdigest()


@dataclass(frozen=True)
class TaskRef:
    id: int
    programme_id: int
    kind: str
    site: str
    slot: str
    state: str


@dataclass
class Claim:
    outcome: ClaimOutcome
    token: str | None = None
    attempts: int = 0
    row: dict[str, Any] = field(default_factory=dict)


def _row(obj: Any) -> dict[str, Any]:
    return {c.key: getattr(obj, c.key) for c in obj.__table__.columns}


class ProgrammeStore:
    """The store API of programmes; ``now`` is injectable for tests."""

    def __init__(self, store: Store, now: Any = cst_now):
        self.store = store
        self.now = now

    # ------------------------------------------------------------------------------ programme runs
    def create(
        self, key: str, *, name: str, plan: dict[str, Any], options: dict[str, Any], run_id: int | None
    ) -> tuple[int, bool]:
        """The programme run with this key: (id, created). A second call with the same key returns the first."""
        existing = self.find(key)
        if existing is not None:
            return existing["id"], False
        try:
            with self.store.session() as s:
                row = ProgrammeRun(
                    key=key,
                    name=name[:300],
                    plan=plan,
                    options=options,
                    run_id=run_id,
                    state="running",
                    created_at=self.now(),
                    report_state="pending",
                    report_detail="",
                )
                s.add(row)
                s.flush()
                return row.id, True
        except IntegrityError:  # created by someone else a moment ago
            found = self.find(key)
            assert found is not None
            return found["id"], False

    def find(self, key: str) -> dict[str, Any] | None:
        with self.store.session() as s:
            row = s.scalar(select(ProgrammeRun).where(ProgrammeRun.key == key))
            return _row(row) if row else None

    def get(self, programme_id: int) -> dict[str, Any] | None:
        with self.store.session() as s:
            row = s.get(ProgrammeRun, programme_id)
            return _row(row) if row else None

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        with self.store.session() as s:
            rows = s.scalars(select(ProgrammeRun).order_by(ProgrammeRun.id.desc()).limit(limit))
            return [_row(r) for r in rows]

    def set_run_id(self, programme_id: int, run_id: int) -> None:
        with self.store.session() as s:
            s.execute(update(ProgrammeRun).where(ProgrammeRun.id == programme_id).values(run_id=run_id))

    # ------------------------------------------------------------------------------ tasks
    def add_tasks(self, programme_id: int, items: list[tuple[str, str, str]]) -> list[TaskRef]:
        """Insert (kind, site, slot) tasks that are not there yet; returns every one of them, old or new."""
        for kind, _, _ in items:
            if kind not in TASK_KINDS:
                raise ValueError(f"unknown task kind {kind!r}")
        wanted = {task_key(k, site, slot): (k, site, slot) for k, site, slot in items}
        have = self._by_key(programme_id, list(wanted))
        missing = [key for key in wanted if key not in have]
        now = self.now()
        for key in missing:
            kind, site, slot = wanted[key]
            try:
                with self.store.session() as s:
                    s.add(
                        ProgrammeTask(
                            programme_id=programme_id,
                            kind=kind,
                            site=site,
                            slot=slot,
                            key=key,
                            state="queued",
                            attempts=0,
                            enqueued_at=now,
                            result="",
                            reason="",
                        )
                    )
            except IntegrityError:  # a concurrent enqueue of the same programme: the key holds
                pass
        have = self._by_key(programme_id, list(wanted))
        if missing:  # new work: the programme is running again (a day's samples arrive one by one)
            with self.store.session() as s:
                s.execute(
                    update(ProgrammeRun)
                    .where(ProgrammeRun.id == programme_id, ProgrammeRun.state == "done")
                    .values(state="running", finished_at=None)
                )
        return [have[key] for key in wanted]

    def _by_key(self, programme_id: int, keys: list[str]) -> dict[str, TaskRef]:
        out: dict[str, TaskRef] = {}
        with self.store.session() as s:
            for i in range(0, len(keys), 500):
                rows = s.scalars(
                    select(ProgrammeTask).where(
                        ProgrammeTask.programme_id == programme_id, ProgrammeTask.key.in_(keys[i : i + 500])
                    )
                )
                for r in rows:
                    out[r.key] = TaskRef(r.id, r.programme_id, r.kind, r.site, r.slot, r.state)
        return out

    def task(self, task_id: int) -> dict[str, Any] | None:
        with self.store.session() as s:
            row = s.get(ProgrammeTask, task_id)
            return _row(row) if row else None

    def tasks(self, programme_id: int) -> list[dict[str, Any]]:
        with self.store.session() as s:
            rows = s.scalars(
                select(ProgrammeTask).where(ProgrammeTask.programme_id == programme_id).order_by(ProgrammeTask.id)
            )
            return [_row(r) for r in rows]

    def unfinished(self, programme_id: int) -> list[TaskRef]:
        with self.store.session() as s:
            rows = s.scalars(
                select(ProgrammeTask)
                .where(ProgrammeTask.programme_id == programme_id, ProgrammeTask.state != "done")
                .order_by(ProgrammeTask.id)
            )
            return [TaskRef(r.id, r.programme_id, r.kind, r.site, r.slot, r.state) for r in rows]

    def counts(self, programme_id: int) -> dict[str, dict[str, int]]:
        """{kind: {state: n}} for the progress display."""
        out: dict[str, dict[str, int]] = {}
        with self.store.session() as s:
            rows = s.execute(
                select(ProgrammeTask.kind, ProgrammeTask.state, func.count(ProgrammeTask.id))
                .where(ProgrammeTask.programme_id == programme_id)
                .group_by(ProgrammeTask.kind, ProgrammeTask.state)
            ).all()
        for kind, state, n in rows:
            out.setdefault(kind, {})[state] = n
        return out

    # ------------------------------------------------------------------------------ claiming
    def claim(self, task_id: int, worker: str, *, stale_after_s: float, resume: str | None = None) -> Claim:
        """Take the task for ``worker``; ``resume`` is the token of this task's own earlier attempt (a retry)."""
        now = self.now()
        cutoff = now - timedelta(seconds=stale_after_s)
        T = ProgrammeTask
        takeable = or_(
            T.state.in_(("queued", "failed")),
            and_(T.state == "running", or_(T.heartbeat_at.is_(None), T.heartbeat_at < cutoff)),
        )
        if resume:
            takeable = or_(takeable, and_(T.state == "running", T.claim == resume))
        token = uuid.uuid4().hex
        with self.store.session() as s:
            res = s.execute(
                update(T)
                .where(T.id == task_id, takeable)
                .values(
                    state="running",
                    claim=token,
                    worker=worker[:200],
                    heartbeat_at=now,
                    attempts=T.attempts + 1,
                    started_at=func.coalesce(T.started_at, now),
                    reason="",
                )
                .execution_options(synchronize_session=False)
            )
            taken = (res.rowcount or 0) == 1  # type: ignore[attr-defined]
        row = self.task(task_id)
        if row is None:
            return Claim("missing")
        if taken:
            return Claim("taken", token, row["attempts"], row)
        return Claim("done" if row["state"] == "done" else "busy", None, row["attempts"], row)

    def _update_own(self, task_id: int, token: str, **values: Any) -> bool:
        with self.store.session() as s:
            res = s.execute(
                update(ProgrammeTask)
                .where(ProgrammeTask.id == task_id, ProgrammeTask.claim == token, ProgrammeTask.state == "running")
                .values(**values)
                .execution_options(synchronize_session=False)
            )
            return (res.rowcount or 0) == 1  # type: ignore[attr-defined]

    def heartbeat(self, task_id: int, token: str) -> bool:
        """False when the task is no longer this attempt's (taken over, or finished by another)."""
        return self._update_own(task_id, token, heartbeat_at=self.now())

    def note_audit(self, task_id: int, token: str, audit_id: int) -> bool:
        return self._update_own(task_id, token, audit_id=audit_id)

    def finish(self, task_id: int, token: str, *, result: str, audit_id: int | None = None) -> bool:
        values: dict[str, Any] = {"state": "done", "finished_at": self.now(), "result": result[:300]}
        if audit_id is not None:
            values["audit_id"] = audit_id
        return self._update_own(task_id, token, **values)

    def fail(self, task_id: int, token: str, reason: str) -> bool:
        return self._update_own(task_id, token, state="failed", finished_at=self.now(), reason=reason[:4000])

    def release(self, task_id: int, token: str, reason: str) -> bool:
        """Hand the task back (a retry after an infrastructure error, a worker shutting down)."""
        return self._update_own(task_id, token, state="queued", claim=None, heartbeat_at=None, reason=reason[:4000])

    def fail_lost(self, task_id: int, reason: str) -> None:
        with self.store.session() as s:
            s.execute(
                update(ProgrammeTask)
                .where(ProgrammeTask.id == task_id, ProgrammeTask.state == "queued")
                .values(state="failed", finished_at=self.now(), reason=reason[:4000])
            )

    def reset_failed(self, programme_id: int) -> int:
        with self.store.session() as s:
            res = s.execute(
                update(ProgrammeTask)
                .where(ProgrammeTask.programme_id == programme_id, ProgrammeTask.state == "failed")
                .values(state="queued", claim=None, heartbeat_at=None)
                .execution_options(synchronize_session=False)
            )
            n = res.rowcount or 0  # type: ignore[attr-defined]
            if n:  # work again: the report is written again when it is done
                s.execute(
                    update(ProgrammeRun)
                    .where(ProgrammeRun.id == programme_id)
                    .values(state="running", finished_at=None, report_state="pending")
                )
            return n

    def done_audit(self, run_id: int | None, site: str) -> int | None:
        """The finished audit of ``site`` in the store run ``run_id`` (a crash after storing it, before the task
        row said so, must not audit the site a second time)."""
        if run_id is None:
            return None
        with self.store.session() as s:
            return s.scalar(
                select(Audit.id)
                .join(Site, Site.id == Audit.site_id)
                .where(Audit.run_id == run_id, Site.url == site, Audit.status == "done")
                .order_by(Audit.id.desc())
                .limit(1)
            )

    # ------------------------------------------------------------------------------ completion and report
    def open_tasks(self, programme_id: int, kind: str | None = None) -> int:
        q = select(func.count(ProgrammeTask.id)).where(
            ProgrammeTask.programme_id == programme_id, ProgrammeTask.state.not_in(TERMINAL)
        )
        if kind:
            q = q.where(ProgrammeTask.kind == kind)
        with self.store.session() as s:
            return s.scalar(q) or 0

    def claim_report(self, programme_id: int, *, stale_after_s: float = 600) -> bool:
        """Exactly one worker publishes a programme's batch report (a dead publisher's claim goes stale)."""
        now = self.now()
        R = ProgrammeRun
        with self.store.session() as s:
            res = s.execute(
                update(R)
                .where(
                    R.id == programme_id,
                    or_(
                        R.report_state == "pending",
                        and_(
                            R.report_state == "publishing", R.report_claimed_at < now - timedelta(seconds=stale_after_s)
                        ),
                    ),
                )
                .values(report_state="publishing", report_claimed_at=now)
                .execution_options(synchronize_session=False)
            )
            return (res.rowcount or 0) == 1  # type: ignore[attr-defined]

    def finish_report(self, programme_id: int, state: str, detail: str) -> None:
        with self.store.session() as s:
            s.execute(
                update(ProgrammeRun)
                .where(ProgrammeRun.id == programme_id)
                .values(report_state=state, report_detail=detail[:4000])
            )

    def maybe_finish(self, programme_id: int) -> bool:
        """Mark the programme done when none of its tasks is queued or running; True when it is done."""
        if self.open_tasks(programme_id):
            return False
        with self.store.session() as s:
            s.execute(
                update(ProgrammeRun)
                .where(ProgrammeRun.id == programme_id, ProgrammeRun.state != "done")
                .values(state="done", finished_at=self.now())
            )
        return True

    # ------------------------------------------------------------------------------ workers
    def worker_beat(self, name: str, **info: Any) -> None:
        now = self.now()
        info.setdefault("state", "online")
        with self.store.session() as s:
            row = s.get(WorkerRow, name)
            if row is None:
                s.add(WorkerRow(name=name, started_at=now, heartbeat_at=now, **info))
                return
            row.heartbeat_at = now
            for k, v in info.items():
                setattr(row, k, v)

    def worker_state(self, name: str, state: str) -> None:
        with self.store.session() as s:
            s.execute(update(WorkerRow).where(WorkerRow.name == name).values(state=state, heartbeat_at=self.now()))

    def hand_back(self, worker: str) -> list[TaskRef]:
        """A worker stopped: its tasks still marked running are claimable at once; returns them (to send again)."""
        with self.store.session() as s:
            rows = list(
                s.scalars(select(ProgrammeTask).where(ProgrammeTask.worker == worker, ProgrammeTask.state == "running"))
            )
            refs = [TaskRef(r.id, r.programme_id, r.kind, r.site, r.slot, "queued") for r in rows]
            if refs:
                s.execute(
                    update(ProgrammeTask)
                    .where(ProgrammeTask.id.in_([r.id for r in refs]), ProgrammeTask.state == "running")
                    .values(
                        state="queued", claim=None, heartbeat_at=None, reason=f"handed back by {worker} at shutdown"
                    )
                    .execution_options(synchronize_session=False)
                )
            return refs

    def lost(self, older_than_s: float) -> list[dict[str, Any]]:
        """Tasks marked running whose heartbeat stopped longer ago than any redelivery would take: their
        message is gone (a worker killed by a hard time limit, a broker that lost its data)."""
        cutoff = self.now() - timedelta(seconds=older_than_s)
        with self.store.session() as s:
            rows = s.scalars(
                select(ProgrammeTask).where(ProgrammeTask.state == "running", ProgrammeTask.heartbeat_at < cutoff)
            )
            return [_row(r) for r in rows]

    def requeue_lost(self, task: dict[str, Any], by: str) -> bool:
        """Take a lost task back to ``queued`` (only one worker wins it: the old heartbeat must still be there)."""
        with self.store.session() as s:
            res = s.execute(
                update(ProgrammeTask)
                .where(
                    ProgrammeTask.id == task["id"],
                    ProgrammeTask.state == "running",
                    ProgrammeTask.heartbeat_at == task["heartbeat_at"],
                )
                .values(state="queued", claim=None, heartbeat_at=None, reason=f"lost, queued again by {by}"[:4000])
                .execution_options(synchronize_session=False)
            )
            return (res.rowcount or 0) == 1  # type: ignore[attr-defined]

    def workers(self) -> list[dict[str, Any]]:
        with self.store.session() as s:
            return [_row(r) for r in s.scalars(select(WorkerRow).order_by(WorkerRow.name))]


def is_stale(heartbeat_at: datetime | None, now: datetime, stale_after_s: float) -> bool:
    return heartbeat_at is None or (now - heartbeat_at).total_seconds() > stale_after_s


__all__ = ["Claim", "ProgrammeStore", "TASK_KINDS", "TaskRef", "is_stale", "task_key"]
