"""The Celery application: Redis broker, PostgreSQL (or SQLite) store, Celery's own delivery guarantees.

- ``task_acks_late``: a task is acknowledged after it ran, so a worker that dies mid-audit loses nothing;
- ``task_reject_on_worker_lost``: a pool process killed mid-task puts the message straight back;
- ``visibility_timeout`` (Redis): an unacknowledged task whose worker vanished is redelivered after it —
  set longer than the longest task (``task_time_limit``, itself above the audit's own wall-clock limit);
- ``worker_prefetch_multiplier = 1``: a worker reserves one task per free slot, not a backlog a crash would delay;
- SIGTERM is a cold shutdown with a soft timeout (``REMAP_SIGTERM=SIGQUIT`` +
  ``worker_soft_shutdown_timeout``): running tasks get that long to finish, the rest go back to the queue;
- heartbeats: every worker writes its row in ``workers`` (state, last beat), every running task its row in
  ``programme_tasks``; ``inspector programme status`` reads both.

Results are not kept in Celery (the store is the record); messages are JSON.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from celery import Celery, signals

from inspector import __version__
from inspector.settings import DistributedSettings

log = logging.getLogger(__name__)

TASK_NAME = "inspector.task"


def make_app(broker_url: str, db_url: str | None = None, settings: DistributedSettings | None = None) -> Celery:
    s = settings or DistributedSettings()
    if s.visibility_timeout_s <= s.task_time_limit_s:
        raise ValueError(
            f"visibility timeout ({s.visibility_timeout_s:g} s) must be longer than the task time limit "
            f"({s.task_time_limit_s:g} s), or Redis redelivers tasks that are still running"
        )
    app = Celery("inspector", broker=broker_url, include=["inspector.distributed.tasks"], set_as_current=False)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_acks_on_failure_or_timeout=True,
        task_ignore_result=True,
        task_store_errors_even_if_ignored=False,
        result_backend=None,
        task_serializer="json",
        accept_content=["json"],
        task_default_queue=s.queue,
        task_routes={},
        task_time_limit=s.task_time_limit_s,
        worker_prefetch_multiplier=1,
        worker_soft_shutdown_timeout=s.soft_shutdown_s,
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,  # a broker restart is waited out, not a reason to exit
        broker_transport_options={
            "visibility_timeout": s.visibility_timeout_s,
            "unacked_restore_interval": max(1, min(10, int(s.visibility_timeout_s // 10))),
            "unacked_restore_throttle": 1,
            "socket_timeout": 30,
            "socket_connect_timeout": 10,
        },
        task_publish_retry=True,
        task_publish_retry_policy={"max_retries": 30, "interval_start": 0.5, "interval_step": 1, "interval_max": 5},
        inspector_db=db_url,
        inspector_settings=s,
    )
    return app


def queue_for(kind: str, settings: DistributedSettings) -> str:
    return settings.samples_queue if kind == "availability" else settings.queue


# ------------------------------------------------------------------------------------------------ worker side
_PROCESS: dict[str, Any] = {}  # per-process state (pid → store), reset in forked pool processes


def process_store(db_url: str) -> Any:
    """This process's store (an engine is never shared across a fork)."""
    from inspector.store.db import open_store

    pid = os.getpid()
    cached = _PROCESS.get("store")
    if cached is not None and _PROCESS.get("pid") == pid:
        return cached
    if cached is not None:  # inherited from the parent: drop its connections without closing them
        cached.engine.dispose(close=False)
    store = open_store(db_url)
    _PROCESS.update(store=store, pid=pid)
    return store


@signals.worker_process_init.connect
def _forked(**_: Any) -> None:
    cached = _PROCESS.pop("store", None)
    if cached is not None:
        cached.engine.dispose(close=False)
    _PROCESS.pop("pid", None)


class WorkerHeartbeat(threading.Thread):
    """The worker's own row in ``workers``: online with a beat every ``heartbeat_s``, then offline."""

    def __init__(self, app: Celery, name: str, info: dict[str, Any]):
        super().__init__(name="inspector-heartbeat", daemon=True)
        self.app, self.worker, self.info = app, name, info
        self.state = "online"
        self.stopped = threading.Event()

    def programmes(self) -> Any:
        from inspector.store.programme import ProgrammeStore

        return ProgrammeStore(process_store(self.app.conf.inspector_db))

    def run(self) -> None:
        settings: DistributedSettings = self.app.conf.inspector_settings
        beats = 0
        while not self.stopped.is_set():
            try:
                self.programmes().worker_beat(self.worker, **self.info, state=self.state)
                beats += 1
                if beats % 12 == 1:
                    self.requeue_lost(settings)
            except Exception as exc:  # noqa: BLE001 — the database may be restarting: beat again later
                log.warning("worker heartbeat failed: %s", exc)
            self.stopped.wait(settings.heartbeat_s)

    def hand_back(self, ps: Any) -> None:
        """Tasks this worker did not finish go back to the queue now, for another worker to resume.

        Celery puts an unacknowledged message back when the worker closes its channel; we send each one
        again too, so a shutdown that could not do so (a broken connection) loses nothing. The second
        message is harmless: the task's idempotency key lets only one of them work."""
        from inspector.distributed.dispatch import publish

        refs = ps.hand_back(self.worker)
        if not refs:
            return
        settings: DistributedSettings = self.app.conf.inspector_settings
        for pid in sorted({r.programme_id for r in refs}):
            publish(self.app, pid, [r for r in refs if r.programme_id == pid], settings)
        log.warning("%s: %d unfinished task(s) handed back for another worker", self.worker, len(refs))

    def requeue_lost(self, settings: DistributedSettings) -> None:
        """Tasks whose heartbeat stopped longer ago than the visibility timeout: no message will bring them
        back (a hard time limit killed the pool process, the broker lost its data). Send them again, or
        after ``max_lost`` such losses record them failed."""
        from inspector.distributed.dispatch import publish
        from inspector.store.programme import TaskRef

        ps = self.programmes()
        for t in ps.lost(settings.visibility_timeout_s + 2 * settings.stale_after_s):
            if not ps.requeue_lost(t, self.worker):
                continue  # another worker took care of it
            if t["attempts"] >= settings.max_lost:
                ps.fail_lost(t["id"], f"lost {t['attempts']} times (worker killed or time limit reached)")
                log.error("task %s (%s %s) lost %d times: failed", t["id"], t["kind"], t["site"], t["attempts"])
                continue
            log.warning("task %s (%s %s) was lost; queued again", t["id"], t["kind"], t["site"])
            ref = TaskRef(t["id"], t["programme_id"], t["kind"], t["site"], t["slot"], "queued")
            publish(self.app, t["programme_id"], [ref], settings)

    def stop(self, state: str) -> None:
        if self.state == "offline":
            return  # already recorded (worker_shutdown, then atexit)
        self.state = state
        self.stopped.set()
        try:
            ps = self.programmes()
            ps.worker_state(self.worker, state)
            if state == "offline":
                self.hand_back(ps)
        except Exception as exc:  # noqa: BLE001
            log.warning("could not record %s as %s: %s", self.worker, state, exc)


def _heartbeat(app: Any) -> WorkerHeartbeat | None:
    return getattr(app, "_inspector_heartbeat", None)


@signals.worker_ready.connect
def _ready(sender: Any = None, **_: Any) -> None:
    app = getattr(sender, "app", None)
    if app is None or not app.conf.get("inspector_db"):
        return
    name = sender.hostname
    queues = ",".join(q.name for q in getattr(sender.task_consumer, "queues", []) or [])
    pool = getattr(sender, "pool", None)
    info = {
        "hostname": name.split("@", 1)[-1],
        "pid": os.getpid(),
        "concurrency": int(getattr(pool, "limit", 0) or getattr(sender.controller, "concurrency", 1) or 1),
        "queues": queues[:300],
        "version": __version__,
    }
    hb = WorkerHeartbeat(app, name, info)
    app._inspector_heartbeat = hb
    hb.start()
    import atexit

    atexit.register(hb.stop, "offline")  # a cold shutdown may end the process without worker_shutdown
    log.info("worker %s ready (queues %s)", name, queues)


@signals.worker_shutting_down.connect
def _shutting_down(sender: Any = None, **_: Any) -> None:
    for app in _apps():
        hb = _heartbeat(app)
        if hb is not None:
            hb.state = "stopping"
            try:
                hb.programmes().worker_state(hb.worker, "stopping")
            except Exception:  # noqa: BLE001 — best effort, in a signal handler
                pass


@signals.worker_shutdown.connect
def _shutdown(sender: Any = None, **_: Any) -> None:
    for app in _apps():
        hb = _heartbeat(app)
        if hb is not None:
            hb.stop("offline")


def _apps() -> list[Any]:
    from celery import _state

    return [a for a in list(_state._apps) if getattr(a, "_inspector_heartbeat", None) is not None]


__all__ = ["TASK_NAME", "make_app", "process_store", "queue_for"]
