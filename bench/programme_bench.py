"""Programme benchmark (issue 17): a simulated programme of sample counties audited by 1, 2 and 4 workers.

    .venv/bin/python bench/programme_bench.py                      # 200 sites, workers 1,2,4
    .venv/bin/python bench/programme_bench.py --sites 60 --workers 1,2 --max-pages 100

One separate process serves every site (each a bundled sample county — portal ≈ 200 pages with its
message board and complaint platform — on its own loopback ports, all driven by one selector loop);
the scenarios rotate through the demo's six (clean, stale columns, unanswered messages, broken links,
hacked, bad identity marks). A private Redis and PostgreSQL are started in a temporary directory.
For each worker count the same programme is submitted to a fresh database and `inspector worker`
processes (concurrency 1 each: one audit at a time per worker) audit it; the figures are wall time to
the last stored audit, sites per hour, CPU seconds per site (workers, site server, PostgreSQL, Redis),
and the check that every site was audited exactly once.

Last line: RESULT sites_per_hour_1w=<n> scaling_2w=<ratio> scaling_4w=<ratio> lost=<n> duplicated=<n>
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SCENARIOS = ["clean", "stale-columns", "unanswered", "broken-links", "hacked", "bad-identity"]


# ----------------------------------------------------------------------------------------- the sites
def serve(n: int, info_file: str) -> None:
    """Build ``n`` sample worlds in this process and answer all their ports from one selector loop."""
    from inspector.samplesites.httpbase import _Handler
    from inspector.samplesites.world import World

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

    class Handler(_Handler):
        disable_nagle_algorithm = True  # one response is one segment train, not a 40 ms delayed-ACK wait
        wbufsize = -1

    worlds = [World(SCENARIOS[i % len(SCENARIOS)]) for i in range(n)]
    sel = selectors.DefaultSelector()
    for w in worlds:
        for srv in w.servers.values():
            srv.RequestHandlerClass = Handler
            sel.register(srv, selectors.EVENT_READ)
    sites = [{"url": w.urls["portal"], "name": f"{w.name}-{i}"} for i, w in enumerate(worlds)]
    Path(info_file).write_text(json.dumps({"sites": sites, "today": worlds[0].clock.today().isoformat()}))
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    while not stop:
        for key, _ in sel.select(0.5):
            key.fileobj._handle_request_noblock()  # type: ignore[union-attr]  # accept + a thread per request


# ----------------------------------------------------------------------------------------- measuring
def cpu_seconds(pids: list[int]) -> float:
    import psutil

    total = 0.0
    for pid in pids:
        try:
            p = psutil.Process(pid)
            procs = [p, *p.children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
        for q in procs:
            try:
                t = q.cpu_times()
                total += t.user + t.system + t.children_user + t.children_system
            except psutil.NoSuchProcess:
                pass
    return total


def postgres_cpu() -> float:
    import psutil

    total = 0.0
    for p in psutil.process_iter(["name", "cmdline"]):
        try:
            if p.info["name"] in ("postgres", "postmaster") or "postgres:" in " ".join(p.info["cmdline"] or []):
                t = p.cpu_times()
                total += t.user + t.system
        except psutil.Error:
            pass
    return total


def one_pass(k: int, args: argparse.Namespace, info: dict, redis_server, pg, tmp: Path) -> dict:
    import redis
    import sqlalchemy as sa

    from inspector.distributed.dispatch import ProgrammeRequest, submit
    from inspector.plan import parse_plan
    from inspector.store.db import open_store
    from inspector.store.programme import ProgrammeStore
    from inspector.store.tables import Audit, PageRow, ProgrammeTask

    redis.Redis.from_url(redis_server.url).flushall()
    dbname = f"bench_{k}w_{int(time.time())}"
    with sa.create_engine(pg.url, isolation_level="AUTOCOMMIT").connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {dbname}")
    db = pg.url.rsplit("/", 1)[0] + "/" + dbname
    store = open_store(db)
    log_dir = tmp / f"{k}w"
    log_dir.mkdir()
    workers = []
    for i in range(k):
        cmd = [sys.executable, "-m", "inspector.cli", "worker", "--broker", redis_server.url, "--db", db, "-c", "1"]
        cmd += ["-n", f"bench{i}@{k}w", "--loglevel", "WARNING"]
        log = open(log_dir / f"w{i}.log", "w")  # noqa: SIM115 — closed with the pass
        workers.append(
            (subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True), log)
        )
    ps = ProgrammeStore(store)
    deadline = time.monotonic() + 60
    while len(ps.workers()) < k and time.monotonic() < deadline:  # every worker has said hello
        time.sleep(0.2)
    plan = parse_plan(
        {"sites": info["sites"], "politeness": {"per_host_delay_s": 0.0}, "output": str(log_dir / "reports")}
    )
    req = ProgrammeRequest(
        plan=plan, kinds=("audit",), as_of=info["today"], max_pages=args.max_pages, screenshots=args.screenshots
    )
    cpu0 = cpu_seconds([p.pid for p, _ in workers]) + postgres_cpu()
    server_cpu0 = cpu_seconds([args.server_pid])
    started = time.monotonic()
    pid, _ = submit(store, req, broker_url=redis_server.url)
    last_print = 0.0
    while True:
        counts = ps.counts(pid).get("audit", {})
        finished = counts.get("done", 0) + counts.get("failed", 0)
        if time.monotonic() - last_print > 30:
            print(
                f"  {k}w: {finished}/{len(info['sites'])} audits after {time.monotonic() - started:.0f} s", flush=True
            )
            last_print = time.monotonic()
        if finished >= len(info["sites"]) or time.monotonic() - started > args.timeout:
            break
        time.sleep(1)
    wall = time.monotonic() - started
    cpu = cpu_seconds([p.pid for p, _ in workers]) + postgres_cpu() - cpu0
    server_cpu = cpu_seconds([args.server_pid]) - server_cpu0
    with store.session() as s:
        run_id = ps.get(pid)["run_id"]
        audits = s.execute(
            sa.select(Audit.site_id, sa.func.count(Audit.id)).where(Audit.run_id == run_id).group_by(Audit.site_id)
        ).all()
        doubled_pages = s.scalar(
            sa.select(sa.func.count()).select_from(
                sa.select(PageRow.audit_id, PageRow.url)
                .join(Audit, Audit.id == PageRow.audit_id)
                .where(Audit.run_id == run_id)
                .group_by(PageRow.audit_id, PageRow.url)
                .having(sa.func.count(PageRow.id) > 1)
                .subquery()
            )
        )
        done = s.scalar(
            sa.select(sa.func.count(ProgrammeTask.id)).where(
                ProgrammeTask.programme_id == pid, ProgrammeTask.state == "done"
            )
        )
        pages = s.scalar(
            sa.select(sa.func.count(PageRow.id)).join(Audit, Audit.id == PageRow.audit_id).where(Audit.run_id == run_id)
        )
    for p, _log in workers:
        p.send_signal(signal.SIGTERM)
    for p, log in workers:
        try:
            p.wait(timeout=90)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
        log.close()
    store.engine.dispose()
    n = len(info["sites"])
    return {
        "workers": k,
        "wall_s": wall,
        "sites_per_hour": n / wall * 3600,
        "lost": n - (done or 0),
        "duplicated": sum(c - 1 for _, c in audits if c > 1) + (doubled_pages or 0),
        "cpu_per_site_s": cpu / max(1, done or 1),
        "server_cpu_per_site_s": server_cpu / max(1, done or 1),
        "pages_per_site": (pages or 0) / max(1, done or 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sites", type=int, default=200)
    ap.add_argument("--workers", default="1,2,4")
    ap.add_argument("--max-pages", type=int, default=200, help="crawl budget per site (the portals have ≈ 200)")
    ap.add_argument("--screenshots", action="store_true", help="home-page screenshots in Chromium (off: HTTP only)")
    ap.add_argument("--timeout", type=float, default=6 * 3600, help="per pass")
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--info", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        serve(args.sites, args.info)
        return

    from inspector.distributed.localservers import PostgresServer, RedisServer

    tmp = Path(tempfile.mkdtemp(prefix="gi-programme-bench-"))
    redis_server = RedisServer(tmp / "redis").start()
    pg = PostgresServer(tmp / "pg").start()
    info_file = tmp / "sites.json"
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", "--sites", str(args.sites), "--info", str(info_file)], cwd=ROOT
    )
    args.server_pid = server.pid
    try:
        deadline = time.monotonic() + 300
        while not info_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        info = json.loads(info_file.read_text())
        print(
            f"{args.sites} sample counties served by one process (pid {server.pid}); "
            f"max_pages={args.max_pages}, screenshots={'on' if args.screenshots else 'off'}; {os.cpu_count()} CPUs"
        )
        results = {}
        for k in [int(x) for x in args.workers.split(",")]:
            r = one_pass(k, args, info, redis_server, pg, tmp)
            results[k] = r
            print(
                f"{k} worker(s): {r['wall_s']:.0f} s, {r['sites_per_hour']:.0f} sites/h, "
                f"{r['pages_per_site']:.0f} pages/site, CPU/site {r['cpu_per_site_s']:.2f} s workers+db "
                f"+ {r['server_cpu_per_site_s']:.2f} s site server, lost {r['lost']}, duplicated {r['duplicated']}",
                flush=True,
            )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        redis_server.stop()
        pg.stop()
    base = results[min(results)]["sites_per_hour"]

    def scaling(k: int) -> str:
        return f"{results[k]['sites_per_hour'] / base:.2f}" if k in results else "n/a"

    lost = sum(r["lost"] for r in results.values())
    dup = sum(r["duplicated"] for r in results.values())
    print(
        f"RESULT sites_per_hour_1w={base:.0f} scaling_2w={scaling(2)} scaling_4w={scaling(4)} "
        f"lost={lost} duplicated={dup}"
    )


if __name__ == "__main__":
    main()
