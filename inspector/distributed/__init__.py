"""Programmes at national scale on an established engine: Celery workers, a Redis broker, the PostgreSQL store.

- ``app``: the Celery application (late acknowledgement, visibility timeout, reject on worker loss,
  soft shutdown) and the worker's heartbeats; ``tasks``: the one Celery task that runs a programme task.
- ``work``: what a task does — claim its row in the store (``inspector.store.programme``), audit / sample /
  follow a probe, publish the batch report after the last audit; the same code runs in-process when
  there is no broker.
- ``dispatch``: turn a plan into a programme run and its tasks, and put them on the queue.
- ``limiter``: per-host politeness for the whole cluster (a Redis-backed concurrency + delay limiter).
- ``localservers``: private Redis/PostgreSQL servers for a fresh machine, the fault tests and the benchmark.

Nothing outside this package imports Celery: one process on one machine stays the embedded default.
"""
