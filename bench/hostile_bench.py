"""Hostile-page benchmark (issue 16): what one 100k-link page and one 100k-deep page cost, measured apart.

    .venv/bin/python bench/hostile_bench.py [--repeat N] [--no-audit]

Three measurements per hostile page, each in a child process of its own, the site served on 127.0.0.1
by another process:

1. **The page in the crawler** (the RESULT ``*_s`` / ``*_mb``): the real audit fetcher (decoding, the
   per-page bounds, parsing, per-page extraction ``enrich_page``) and the real ``crawl_site`` with the
   audit's crawl settings, on a site whose home page links to the hostile page only — so the figure is the
   hostile page's fetch + decode + parse + enrich, plus every fetch and link check it leads to (the home
   page itself is one small page). Browser off (``auto_render = False``): Chromium is measured apart.
   Memory = peak resident size of that Python process (sampled every 20 ms with psutil), interpreter
   and libraries included — an upper bound of the page's own memory.
2. **Chromium** (``*_chromium_s`` / ``*_chromium_mb``): the rendered-home step as the audit runs it
   (``Fetcher.screenshot`` with the rendered hidden-link inspection and a full-page screenshot) with the
   hostile page as the home page. Memory = peak PSS of the Chromium process tree (children of the child;
   PSS because the processes share memory: summed RSS counts ≈ 1 GB for an empty page); time = the
   whole step, which every browser call bounds (``browser_timeout_s``). A plain small home page is
   rendered the same way for Chromium's own baseline (``chromium_base_mb``).
3. **The whole audit** (information, skipped with ``--no-audit``): the county-like site (home, 8 columns
   with 10 articles each) with the hostile page linked from its home page, through ``run_audit`` with the
   national profile; it must still judge the rest of the site (a verdict, > 80 pages, the crawler-trap
   finding ``page_links_cut`` / ``page_too_deep``). Python and Chromium peaks are printed apart.

``per_host_delay_s = 0`` (your own staging site): at the default 0.1 s the link checks would spend their
time *waiting* — politeness, not cost. With ``--repeat N`` each measurement runs N times; the RESULT
takes the best (the machine is shared: other processes only ever add), the spread is printed above it.
Chromium figures come from the renders that went through every step (``*_chromium_done`` of them); a
render its bound cut short is cheaper and is used only when no render finished.
Needs psutil (bench extra). Last line:
RESULT links_100k_s=<s> links_100k_mb=<MB> deep_100k_s=<s> deep_100k_mb=<MB> links_100k_chromium_s=<s>
links_100k_chromium_mb=<MB> links_100k_chromium_done=<n> deep_100k_chromium_s=<s> deep_100k_chromium_mb=<MB>
deep_100k_chromium_done=<n> chromium_base_mb=<MB>
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
N = 100_000
HOSTILE = {"links": "/links.html", "deep": "/deep.html"}
AS_OF = "2026-11-30"


def _page(title: str, links: list[str], body: str = "") -> bytes:
    items = "".join(
        f'<li><a href="{u}">{title}{i}</a><span>2026-11-{1 + i % 28:02d}</span></li>' for i, u in enumerate(links)
    )
    text = body or "本网站由示例县人民政府办公室主办。政务公开 通知公告 政策文件。"
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{title}</title></head><body><h1>{title}</h1><ul>{items}</ul><p>{text}</p>"
        "<div class='footer'>主办单位：示例县人民政府办公室 网站标识码：1234000001 ICP备案号：京ICP备12345678号</div>"
        "</body></html>"
    ).encode()


def hostile_page(kind: str) -> bytes:
    if kind == "links":
        items = "".join(f'<a href="/item/{i}.html">第{i}条</a>\n' for i in range(N))
        return (
            f"<!doctype html><html><head><meta charset='utf-8'><title>全部链接</title></head><body>{items}</body></html>"
        ).encode()
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>深层页面</title></head><body>"
        + "<div>" * N
        + "最深处"
        + "</div>" * N
        + "</body></html>"
    ).encode()


def build_site(hostile: str | None, bare: bool = False) -> dict[str, bytes]:
    """The county-like site; ``bare``: a home page that links to the hostile page only."""
    pages: dict[str, bytes] = {}
    if hostile:
        pages[HOSTILE[hostile]] = hostile_page(hostile)
    if bare:
        pages["/"] = _page("示例县人民政府", [HOSTILE[hostile]] if hostile else [])
        return pages
    columns = [f"/col{c}/" for c in range(8)]
    pages["/"] = _page("示例县人民政府", columns + ([HOSTILE[hostile]] if hostile else []))
    for c, col in enumerate(columns):
        arts = [f"{col}art{a}.html" for a in range(10)]
        pages[col] = _page(f"栏目{c}", arts)
        for art in arts:
            pages[art] = _page("关于开展政务公开工作的通知", ["/", col], body="为深入贯彻落实政务公开工作要求。" * 20)
    return pages


def serve(hostile: str | None, bare: bool) -> None:
    """Child process: serve the site on an ephemeral port, print the port, run until killed."""
    pages = build_site(hostile, bare)

    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            path = self.path.split("?")[0]
            body = pages.get(path)
            status = 200
            if body is None:  # /item/N.html of the link page: real, small pages
                body = _page("条目", ["/"]) if path.startswith("/item/") else b"not found"
                status = 200 if path.startswith("/item/") else 404
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    class S(ThreadingHTTPServer):
        request_queue_size = 256
        daemon_threads = True

        def handle_error(self, request: object, client_address: object) -> None:
            pass  # a client that hangs up (a render cut short) is not the benchmark's business

    server = S(("127.0.0.1", 0), H)
    print(server.server_address[1], flush=True)
    server.serve_forever()


def _options(shots: str | None = None, render: str = "auto"):  # noqa: ANN202
    from inspector.audit import AuditOptions
    from inspector.profile import load_profile

    return AuditOptions(
        profile=load_profile("cn-gov-2019"),
        as_of=AS_OF,
        render=render,
        screenshots=shots is not None,
        screenshot_dir=Path(shots) if shots else None,
        fetch_settings={"per_host_delay_s": 0.0},
    )


def page_child(url: str, hostile_url: str) -> None:
    """Child: the hostile page's cost in the crawler (fetch, decode, parse, enrich, what it leads to)."""
    import asyncio

    from inspector.audit import make_fetcher
    from inspector.crawl import MemoryFrontier, crawl_site
    from inspector.gather.site import crawl_settings

    options = _options(render="never")
    settings = crawl_settings(options)
    marks: dict[str, float] = {}

    async def go() -> dict:
        async with make_fetcher(options, [url]) as fetcher:
            started = time.perf_counter()

            async def on_page(page) -> None:  # noqa: ANN001
                if page.url == hostile_url:
                    marks["page"] = time.perf_counter() - started

            r = await crawl_site(url, settings, fetcher=fetcher, on_page=on_page, frontier=MemoryFrontier())
            elapsed = time.perf_counter() - started
        page = next((p for p in r.pages if p.url == hostile_url), None)
        return {
            "s": round(elapsed, 2),
            "page_s": round(marks.get("page", elapsed), 2),
            "pages": r.stats["pages_fetched"],
            "links_checked": r.stats["links_checked"],
            "links_sampled_out": r.stats.get("links_sampled_out", 0),
            "limits": (page.signals.get("limits") if page else None) or {},
            "error": page.error if page else "not fetched",
        }

    print(json.dumps(asyncio.run(go())), flush=True)


def render_child(url: str, shots: str) -> None:
    """Child: the rendered-home step with ``url`` as the home page (Chromium's cost)."""
    import asyncio

    from inspector.audit import make_fetcher
    from inspector.extract.security.hidden_links import rendered_hidden_links_async

    options = _options(shots)

    async def go() -> dict:
        async with make_fetcher(options, [url]) as fetcher:
            started = time.perf_counter()

            async def inspect(page):  # noqa: ANN001, ANN202
                return await rendered_hidden_links_async(page, None)

            rendered = await fetcher.screenshot(url, str(Path(shots) / "home.png"), inspect=inspect)
            elapsed = time.perf_counter() - started
        return {
            "s": round(elapsed, 2),
            "error": rendered.error,
            "detail": (rendered.error_detail or "")[:160],
            "bound_s": fetcher.settings.browser_timeout_s,
        }

    print(json.dumps(asyncio.run(go())), flush=True)


def audit_child(url: str, db: str, shots: str) -> None:
    """Child: one real audit of the whole site; prints a JSON summary."""
    from inspector.audit import run_audit

    started = time.perf_counter()
    [v] = run_audit([url], _options(shots), db_url=db)
    elapsed = time.perf_counter() - started
    crawl = v.run.get("crawl") or {}
    print(
        json.dumps(
            {
                "s": round(elapsed, 2),
                "verdict": v.verdict,
                "reason": v.not_inspected_reason,
                "pages": v.run.get("pages"),
                "links_checked": crawl.get("links_checked"),
                "traps": [f.rule for f in v.findings if f.check == "crawler-trap"],
                "score": v.score,
                "gather_errors": sorted(crawl.get("gather_errors") or {}),
            }
        ),
        flush=True,
    )


def _run_child(args: list[str]) -> tuple[dict, int, int]:
    """(the child's JSON, peak RSS of the child itself, peak PSS of its descendants) in MB.

    The descendants (Chromium's browser, GPU, network and renderer processes) share libraries and
    memory: their RSS summed counts the shared pages once per process (≈ 1 GB for an empty page), so
    they are measured by PSS, each shared page divided among the processes that map it."""
    import psutil

    child = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    proc = psutil.Process(child.pid)
    own = kids = 0
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(child.stdout), daemon=True)  # type: ignore[arg-type]
    reader.start()
    while child.poll() is None:
        try:
            own = max(own, proc.memory_info().rss)
            total = 0
            for p in proc.children(recursive=True):
                try:
                    total += p.memory_full_info().pss
                except psutil.Error:
                    pass
            kids = max(kids, total)
        except psutil.Error:
            pass
        time.sleep(0.02)
    reader.join(5)
    if not lines:
        raise SystemExit(f"child {args[0]} printed nothing (exit {child.returncode})")
    return json.loads(lines[-1]), round(own / 2**20), round(kids / 2**20)


class _Server:
    def __init__(self, hostile: str | None, bare: bool = False):
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--serve", hostile or "none", "bare" if bare else "full"],
            stdout=subprocess.PIPE,
            text=True,
        )
        self.url = f"http://127.0.0.1:{int(self.proc.stdout.readline())}/"  # type: ignore[union-attr]

    def __enter__(self) -> _Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.proc.kill()
        self.proc.wait()


def measure_page(kind: str) -> dict:
    with _Server(kind, bare=True) as site:
        r, own, _ = _run_child(["--page", site.url, site.url.rstrip("/") + HOSTILE[kind]])
    return {**r, "mb": own}


def measure_render(kind: str | None) -> dict:
    """``kind`` None: a plain small home page (Chromium's own baseline)."""
    with _Server(kind, bare=True) as site, tempfile.TemporaryDirectory() as tmp:
        r, own, kids = _run_child(["--render", site.url.rstrip("/") + (HOSTILE[kind] if kind else "/"), tmp])
    return {**r, "python_mb": own, "mb": kids}


def measure_audit(kind: str | None) -> dict:
    with _Server(kind) as site, tempfile.TemporaryDirectory() as tmp:
        r, own, kids = _run_child(["--audit", site.url, f"sqlite:///{tmp}/b.db", tmp])
    return {**r, "python_mb": own, "chromium_mb": kids}


def _best(runs: list[dict], key: str) -> float:
    return min(r[key] for r in runs)


def _spread(runs: list[dict], key: str) -> str:
    values = sorted(r[key] for r in runs)
    return f"best {values[0]} (spread {values[0]}–{values[-1]}, n={len(values)})"


def main() -> None:
    if sys.argv[1:2] == ["--serve"]:
        serve(None if sys.argv[2] == "none" else sys.argv[2], sys.argv[3] == "bare")
        return
    if sys.argv[1:2] == ["--page"]:
        page_child(*sys.argv[2:4])
        return
    if sys.argv[1:2] == ["--render"]:
        render_child(*sys.argv[2:4])
        return
    if sys.argv[1:2] == ["--audit"]:
        audit_child(*sys.argv[2:5])
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--no-audit", action="store_true", help="skip the whole-audit runs (information only)")
    args = ap.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f} (1 min), cpus: {os.cpu_count()}", flush=True)
    result: dict[str, float] = {}
    plain = [measure_render(None) for _ in range(args.repeat)]
    print(f"plain home page in Chromium (baseline): s {_spread(plain, 's')}; MB {_spread(plain, 'mb')}", flush=True)
    for kind in ("links", "deep"):
        pages = [measure_page(kind) for _ in range(args.repeat)]
        for r in pages:
            print(
                f"{kind} page in the crawler: {r['s']:6.1f} s {r['mb']:5d} MB  (page itself {r['page_s']} s; "
                f"pages={r['pages']} links_checked={r['links_checked']} sampled_out={r['links_sampled_out']} "
                f"limits={r['limits']} error={r['error']})",
                flush=True,
            )
        print(f"{kind} page in the crawler: s {_spread(pages, 's')}; MB {_spread(pages, 'mb')}")
        renders = [measure_render(kind) for _ in range(args.repeat)]
        for r in renders:
            print(
                f"{kind} page in Chromium (rendered home): {r['s']:6.1f} s {r['mb']:5d} MB Chromium, "
                f"{r['python_mb']} MB Python  (bound {r['bound_s']:g} s per browser call; error={r['error']} "
                f"{r['detail']})",
                flush=True,
            )
        # A render cut short by its bound (e.g. the visit's 15 s) costs less than a whole one: the figure is
        # taken from the renders that went through every step when there are any.
        done = [r for r in renders if not r["error"]] or renders
        print(
            f"{kind} page in Chromium: s {_spread(done, 's')}; MB {_spread(done, 'mb')}; "
            f"{sum(1 for r in renders if not r['error'])} of {len(renders)} renders through every step"
        )
        result[f"{kind}_100k_s"] = _best(pages, "s")
        result[f"{kind}_100k_mb"] = _best(pages, "mb")
        result[f"{kind}_100k_chromium_s"] = _best(done, "s")
        result[f"{kind}_100k_chromium_mb"] = _best(done, "mb")
        result[f"{kind}_100k_chromium_done"] = sum(1 for r in renders if not r["error"])
    if not args.no_audit:
        base: dict = {}
        for name in ("baseline", "links", "deep"):
            r = measure_audit(None if name == "baseline" else name)
            base = base or r
            over = (
                f" (over the baseline: {r['s'] - base['s']:+.1f} s, Python {r['python_mb'] - base['python_mb']:+d} MB, "
                f"Chromium {r['chromium_mb'] - base['chromium_mb']:+d} MB)"
                if r is not base
                else ""
            )
            print(
                f"whole audit {name:8s} {r['s']:6.1f} s  Python {r['python_mb']} MB  Chromium {r['chromium_mb']} MB  "
                f"verdict={r['verdict']} pages={r['pages']} links_checked={r['links_checked']} traps={r['traps']} "
                f"score={r['score']} gather_errors={r['gather_errors']} {r['reason'] or ''}{over}",
                flush=True,
            )
            if name != "baseline":
                trap = "page_links_cut" if name == "links" else "page_too_deep"
                ok = r["verdict"] != "not_inspected" and trap in r["traps"] and (r["pages"] or 0) > 80
                print(f"{name}: rest of the site judged and the page reported: {'yes' if ok else 'NO'}", flush=True)
    print(f"load average after: {os.getloadavg()[0]:.1f} (1 min)")
    order = ("links_100k_s", "links_100k_mb", "deep_100k_s", "deep_100k_mb")
    extra = [k for k in result if k not in order]
    result["chromium_base_mb"] = _best(plain, "mb")
    print("RESULT " + " ".join(f"{k}={result[k]:g}" for k in (*order, *extra)))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONPATH", str(ROOT))
    main()
