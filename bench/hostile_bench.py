"""Hostile-page benchmark (issue 16): what one 100k-link page and one 100k-deep page cost a full audit.

    .venv/bin/python bench/hostile_bench.py

A small county-like site (home, 8 columns with 10 articles each) is served on 127.0.0.1 by a separate
process, with one hostile page linked from the home page: ``/links.html`` (100,000 links) or
``/deep.html`` (100,000 nested <div>). Each audit runs in its own child process — the real
``run_audit`` with the national profile, reports not written — so the figures are that audit's own:
wall time, and the peak resident memory of the child's process tree (Python plus Chromium, sampled
every 50 ms with psutil). A baseline audit of the same site without the hostile page is measured too,
so the hostile page's own cost is visible. The audits use ``per_host_delay_s = 0`` (your own staging
site): at the default 0.1 s, the 1,000 links kept from the 100k-link page would spend ≥ 100 s
*waiting* between requests — politeness, not cost — which the audit's wall-clock limit bounds.

Each audit must still judge the rest of the site: a verdict (not "not inspected"), the normal pages
fetched, and the hostile page reported (crawler-trap finding ``page_links_cut`` / ``page_too_deep``).
Needs psutil (bench extra). The RESULT figures are each page's own cost (audit with it minus the
baseline audit); the totals are printed above it. Last line:
RESULT links_100k_s=<s> links_100k_mb=<MB> deep_100k_s=<s> deep_100k_mb=<MB>
"""

from __future__ import annotations

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


def build_site(hostile: str | None) -> dict[str, bytes]:
    columns = [f"/col{c}/" for c in range(8)]
    pages: dict[str, bytes] = {}
    home_links = list(columns)
    if hostile == "links":
        items = "".join(f'<a href="/item/{i}.html">第{i}条</a>\n' for i in range(N))
        pages["/links.html"] = (
            f"<!doctype html><html><head><meta charset='utf-8'><title>全部链接</title></head><body>{items}</body></html>"
        ).encode()
        home_links.append("/links.html")
    elif hostile == "deep":
        pages["/deep.html"] = (
            "<!doctype html><html><head><meta charset='utf-8'><title>深层页面</title></head><body>"
            + "<div>" * N
            + "最深处"
            + "</div>" * N
            + "</body></html>"
        ).encode()
        home_links.append("/deep.html")
    pages["/"] = _page("示例县人民政府", home_links)
    for c, col in enumerate(columns):
        arts = [f"{col}art{a}.html" for a in range(10)]
        pages[col] = _page(f"栏目{c}", arts)
        for art in arts:
            pages[art] = _page("关于开展政务公开工作的通知", ["/", col], body="为深入贯彻落实政务公开工作要求。" * 20)
    return pages


def serve(hostile: str | None) -> None:
    """Child process: serve the site on an ephemeral port, print the port, run until killed."""
    pages = build_site(hostile)

    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            path = self.path.split("?")[0]
            body = pages.get(path)
            if body is None:  # /item/N.html of the link page: real, small pages
                body = _page("条目", ["/"]) if path.startswith("/item/") else b"not found"
                status = 200 if path.startswith("/item/") else 404
            else:
                status = 200
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    class S(ThreadingHTTPServer):
        request_queue_size = 256
        daemon_threads = True

    server = S(("127.0.0.1", 0), H)
    print(server.server_address[1], flush=True)
    server.serve_forever()


def audit(url: str, db: str, shots: str) -> None:
    """Child process: one real audit; prints a JSON summary."""
    from inspector.audit import AuditOptions, run_audit
    from inspector.profile import load_profile

    options = AuditOptions(
        profile=load_profile("cn-gov-2019"),
        as_of="2026-11-30",
        screenshot_dir=Path(shots),
        fetch_settings={"per_host_delay_s": 0.0},
    )
    started = time.perf_counter()
    [v] = run_audit([url], options, db_url=db)
    elapsed = time.perf_counter() - started
    traps = [f.rule for f in v.findings if f.check == "crawler-trap"]
    crawl = v.run.get("crawl") or {}
    print(
        json.dumps(
            {
                "s": round(elapsed, 2),
                "verdict": v.verdict,
                "reason": v.not_inspected_reason,
                "pages": v.run.get("pages"),
                "links_checked": crawl.get("links_checked"),
                "traps": traps,
                "score": v.score,
            }
        ),
        flush=True,
    )


def measure(hostile: str | None) -> dict:
    import psutil

    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", hostile or "none"], stdout=subprocess.PIPE, text=True
    )
    try:
        port = int(server.stdout.readline())  # type: ignore[union-attr]
        with tempfile.TemporaryDirectory() as tmp:
            child = subprocess.Popen(
                [sys.executable, __file__, "--audit", f"http://127.0.0.1:{port}/", f"sqlite:///{tmp}/b.db", tmp],
                stdout=subprocess.PIPE,
                text=True,
                cwd=ROOT,
            )
            peak = 0
            proc = psutil.Process(child.pid)
            lines: list[str] = []
            reader = threading.Thread(target=lambda: lines.extend(child.stdout), daemon=True)  # type: ignore[arg-type]
            reader.start()
            while child.poll() is None:
                try:
                    tree = [proc, *proc.children(recursive=True)]
                    peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
                except psutil.Error:
                    pass
                time.sleep(0.05)
            reader.join(5)
        result = json.loads(lines[-1])
        result["mb"] = round(peak / 2**20)
        return result
    finally:
        server.kill()
        server.wait()


def main() -> None:
    if sys.argv[1:2] == ["--serve"]:
        serve(None if sys.argv[2] == "none" else sys.argv[2])
        return
    if sys.argv[1:2] == ["--audit"]:
        audit(*sys.argv[2:5])
        return
    figures = {}
    for name in ("baseline", "links", "deep"):
        r = measure(None if name == "baseline" else name)
        figures[name] = r
        print(
            f"{name:9s} {r['s']:7.1f} s {r['mb']:6d} MB  verdict={r['verdict']} pages={r['pages']} "
            f"links_checked={r['links_checked']} traps={r['traps']} score={r['score']} {r['reason'] or ''}",
            flush=True,
        )
    for name, trap in (("links", "page_links_cut"), ("deep", "page_too_deep")):
        r = figures[name]
        ok = r["verdict"] != "not_inspected" and trap in r["traps"] and r["pages"] and r["pages"] > 80
        print(f"{name}: rest of the site judged and the page reported: {'yes' if ok else 'NO'}")
    b = figures["baseline"]
    for name in ("links", "deep"):
        r = figures[name]
        print(f"{name}: the hostile page's own cost ≈ {r['s'] - b['s']:+.1f} s, {r['mb'] - b['mb']:+d} MB peak")
    # The RESULT is each hostile page's own cost: the audit with it minus the same audit without it.
    cost = {n: (round(figures[n]["s"] - b["s"], 1), figures[n]["mb"] - b["mb"]) for n in ("links", "deep")}
    print(
        f"RESULT links_100k_s={cost['links'][0]} links_100k_mb={cost['links'][1]} "
        f"deep_100k_s={cost['deep'][0]} deep_100k_mb={cost['deep'][1]}"
    )


if __name__ == "__main__":
    os.environ.setdefault("PYTHONPATH", str(ROOT))
    main()
