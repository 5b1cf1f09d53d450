"""Who is auditing what: leases on runs and audits, so that nothing is shared, doubled or left ``running``.

Each process has one owner id (``host:pid:nonce``). An audit row carries its owner and a heartbeat
while that process works on it; at most one audit per site is ``running`` (a partial unique index,
migration 0007). Starting an audit of a site therefore

- creates the audit (nobody audits the site),
- resumes the running audit whose owner is gone (killed, crashed, or released it on an error), or
- refuses with ``AuditBusy`` — one line naming the audit, its owner and since when — when a live
  process is auditing that site now.

An owner is gone when it released the lease, when its heartbeat is older than ``LEASE_S``, or — on the
same host — when its process no longer exists (a ``kill -9`` is seen at once). Runs whose owner is gone
are marked ``interrupted`` by the next process that opens the store.

The programme layer (``inspector.store.programme``, issue 17) claims *tasks* across workers; these
leases are the per-site guarantee underneath it, for a single process as for many.
"""

from __future__ import annotations

import asyncio
import os
import socket
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import IntegrityError

from inspector.store.db import Store, _now
from inspector.store.tables import Audit, Run, Site

HEARTBEAT_S = 20.0  # how often a live process touches its leases
LEASE_S = 120.0  # a heartbeat older than this means the owner is gone (other hosts)

_HOST = socket.gethostname()[:80]
OWNER = f"{_HOST}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
_ACTIVE: set[int] = set()  # audits a task of this process is working on right now


def _owner() -> str:
    # A forked child (a worker pool) is another process: it gets its own owner id.
    global OWNER
    if OWNER.split(":")[1] != str(os.getpid()):
        OWNER = f"{_HOST}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    return OWNER


def owner_alive(owner: str | None, heartbeat_at: datetime | None, now: datetime | None = None) -> bool:
    """On this host: its process exists. Elsewhere: its heartbeat is fresher than ``LEASE_S``."""
    if not owner:
        return False
    host, _, rest = owner.partition(":")
    pid = rest.split(":")[0]
    if host == _HOST and pid.isdigit():
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    now = now or _now()
    return heartbeat_at is not None and now - heartbeat_at <= timedelta(seconds=LEASE_S)


class AuditBusy(RuntimeError):
    """Another live process is auditing this site now."""

    def __init__(self, site: str, audit_id: int, owner: str, since: datetime | None):
        self.site, self.audit_id, self.owner = site, audit_id, owner
        when = since.strftime("%Y-%m-%d %H:%M") if since else "?"
        super().__init__(
            f"{site} is being audited by another process (audit #{audit_id}, {owner.rsplit(':', 1)[0]}, since {when}):"
            " not audited twice; run it again when that audit is done"
        )


@dataclass(frozen=True)
class AuditLease:
    audit_id: int
    resumed: bool


def claim_audit(store: Store, run_id: int, site_url: str) -> AuditLease:
    """The audit this process may work on for ``site_url``: new, or a resumable one; AuditBusy otherwise."""
    sid = store.site_id(site_url)
    me = _owner()
    for _attempt in range(3):
        now = _now()
        with store.session() as s:
            running = s.execute(
                select(Audit.id, Audit.owner, Audit.heartbeat_at, Audit.started_at)
                .where(Audit.site_id == sid, Audit.status == "running")
                .order_by(Audit.id.desc())
            ).first()
        if running is not None:
            audit_id, owner, beat, started = running
            if owner == me and audit_id in _ACTIVE:
                raise AuditBusy(site_url, audit_id, owner, started)  # this very process, in another task
            if owner != me and owner_alive(owner, beat, now):
                raise AuditBusy(site_url, audit_id, owner or "?", started)
            with store.session() as s:  # take it over, unless someone else just did
                result = s.execute(
                    update(Audit)
                    .where(
                        Audit.id == audit_id,
                        Audit.status == "running",
                        or_(Audit.owner.is_(None), and_(Audit.owner == owner, Audit.heartbeat_at == beat)),
                    )
                    .values(owner=me, heartbeat_at=now)
                )
                taken = getattr(result, "rowcount", 0)
            if taken == 1:
                _ACTIVE.add(audit_id)
                return AuditLease(audit_id, resumed=True)
            continue
        try:
            with store.session() as s:
                audit = Audit(run_id=run_id, site_id=sid, status="running", started_at=now, owner=me, heartbeat_at=now)
                s.add(audit)
                s.flush()
                new_id = audit.id
            _ACTIVE.add(new_id)
            return AuditLease(new_id, resumed=False)
        except IntegrityError:
            continue  # another process created it between our look and our insert: look again
    raise AuditBusy(site_url, 0, "another process", None)


def release_active(audit_id: int) -> None:
    """This process's task is no longer working on the audit (finished, failed or released)."""
    _ACTIVE.discard(audit_id)


def release_audit(store: Store, audit_id: int) -> None:
    """This process stops working on the audit without finishing it: anyone may resume it."""
    with store.session() as s:
        s.execute(update(Audit).where(Audit.id == audit_id, Audit.owner == _owner()).values(owner=None))


def heartbeat(store: Store) -> None:
    """Touch every lease this process holds (its runs and its running audits)."""
    now, me = _now(), _owner()
    with store.session() as s:
        s.execute(update(Run).where(Run.owner == me, Run.status == "running").values(heartbeat_at=now))
        s.execute(update(Audit).where(Audit.owner == me, Audit.status == "running").values(heartbeat_at=now))


@asynccontextmanager
async def heartbeats(store: Store, every_s: float = HEARTBEAT_S) -> AsyncIterator[None]:
    async def beat() -> None:
        while True:
            await asyncio.sleep(every_s)
            try:
                await asyncio.to_thread(heartbeat, store)
            except Exception:  # noqa: BLE001, S112 — a missed beat only shortens the lease
                continue

    task = asyncio.create_task(beat())
    try:
        yield
    finally:
        task.cancel()


def own_run(store: Store, run_id: int) -> None:
    with store.session() as s:
        s.execute(update(Run).where(Run.id == run_id).values(owner=_owner(), heartbeat_at=_now()))


def reap_runs(store: Store) -> list[int]:
    """Mark ``interrupted`` every run still ``running`` whose owner is gone; release their audits."""
    now = _now()
    with store.session() as s:
        rows = s.execute(select(Run.id, Run.owner, Run.heartbeat_at).where(Run.status == "running")).all()
    dead = [rid for rid, owner, beat in rows if not owner_alive(owner, beat, now) and owner != _owner()]
    if dead:
        with store.session() as s:
            s.execute(update(Run).where(Run.id.in_(dead)).values(status="interrupted", finished_at=now))
    return dead


def running_audits(store: Store, site_url: str) -> list[dict[str, object]]:
    """Running audits of a site with their owners (for status output)."""
    with store.session() as s:
        rows = s.execute(
            select(Audit.id, Audit.owner, Audit.heartbeat_at, Audit.started_at)
            .join(Site, Site.id == Audit.site_id)
            .where(Site.url == site_url, Audit.status == "running")
        ).all()
    return [
        {"audit_id": a, "owner": o, "heartbeat_at": h, "started_at": st, "alive": owner_alive(o, h)}
        for a, o, h, st in rows
    ]
