"""The one Celery task: run programme task ``task`` of programme ``programme`` (``work.execute``).

Retries use Celery's own mechanism (``Task.retry`` with a countdown from
``celery.utils.time.get_exponential_backoff_interval``, full jitter), and only for:

- an infrastructure error (database, broker, disk): backoff, at most ``max_infra_retries`` times, and the
  retry carries the attempt's claim token so it resumes the same audit from its frontier;
- a task that another worker is running with a fresh heartbeat (a duplicate delivery): look again after
  ``stale_after_s``; if that worker died by then, its stale claim is taken over.

A site that is down is a result, never a retry.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from celery import shared_task
from celery.exceptions import Reject
from celery.utils.time import get_exponential_backoff_interval

from inspector.asyncutil import run_sync
from inspector.distributed.app import TASK_NAME, process_store
from inspector.distributed.work import InfrastructureError, WorkContext, execute
from inspector.settings import DistributedSettings

log = logging.getLogger(__name__)


def _context(task: Any) -> WorkContext:
    conf = task.app.conf
    settings: DistributedSettings = conf.get("inspector_settings") or DistributedSettings()
    store = process_store(conf.inspector_db)
    broker = str(conf.broker_url or "")
    limiter = broker if broker.startswith(("redis://", "rediss://", "redis+socket://")) else None
    return WorkContext(
        store=store, worker=str(task.request.hostname or "worker"), settings=settings, limiter_url=limiter
    )


@shared_task(bind=True, name=TASK_NAME, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def run_programme_task(
    self: Any, programme: int, task: int, resume: str | None = None, infra_retries: int = 0, waits: int = 0
) -> str:
    ctx = _context(self)
    settings = ctx.settings
    kwargs = {"programme": programme, "task": task, "resume": resume, "infra_retries": infra_retries, "waits": waits}
    try:
        outcome = run_sync(execute(ctx, programme, task, resume))
    except InfrastructureError as exc:
        n = infra_retries + 1
        if n > settings.max_infra_retries:
            log.error("task %s of programme %s: giving up after %d retries: %s", task, programme, n - 1, exc)
            try:
                if exc.token:
                    ctx.ps.fail(task, exc.token, f"infrastructure error, {n - 1} retries: {exc}")
            except Exception:  # noqa: BLE001 — the store is what fails: `programme resume` re-enqueues it
                pass
            return f"failed: {exc}"
        countdown = get_exponential_backoff_interval(
            factor=1, retries=n, maximum=int(settings.retry_backoff_max_s), full_jitter=True
        )
        log.warning("task %s of programme %s: %s; retry %d in %ss", task, programme, exc, n, countdown)
        raise self.retry(
            countdown=max(1, countdown), kwargs={**kwargs, "resume": exc.token or resume, "infra_retries": n}
        ) from exc
    if outcome.state == "busy":  # a duplicate delivery while its twin runs: look again later
        raise self.retry(countdown=settings.stale_after_s, kwargs={**kwargs, "waits": waits + 1})
    if outcome.state == "unknown":
        # Not in this worker's database (a worker started with another --db): put it back for the right one.
        log.error("task %s of programme %s: %s (check this worker's --db)", task, programme, outcome.detail)
        time.sleep(2)
        raise Reject(outcome.detail, requeue=True)
    return f"{outcome.state}: {outcome.detail}"


__all__ = ["run_programme_task"]
