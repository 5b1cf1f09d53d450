"""Crawler benchmark (issue 4): gov-inspector's HTTP and browser paths against Scrapy and raw Playwright.

    .venv/bin/python bench/crawl_bench.py            # 2,000-page site (+ the 10,000-page RSS run)
    .venv/bin/python bench/crawl_bench.py --pages 10000 --skip-10k

A generated Chinese-government-like site (home, 12 columns with paged lists, articles with
attachments-free bodies) is served by a separate process on 127.0.0.1. Each contender runs in its
own child process so CPU seconds and peak RSS are its own (browser figures include Chromium's
processes). Needs the bench extra: `.venv/bin/pip install scrapy psutil`.
Last line: RESULT http_vs_scrapy=<a/b> browser_vs_playwright=<c/d> peak_rss_mb_10k=<MB>
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = [
    "要闻动态",
    "通知公告",
    "政策文件",
    "政策解读",
    "人事信息",
    "规划计划",
    "政务公开",
    "办事服务",
    "互动交流",
    "统计数据",
    "财政资金",
    "应急管理",
]
PER_LIST = 20
BODY = (
    "为深入贯彻落实党中央、国务院关于全面推进政务公开的决策部署，进一步提升政府网站建设管理水平，"
    "县人民政府办公室结合本地实际，研究制定了本工作方案。各乡镇人民政府、县政府各部门要高度重视，"
    "明确责任分工，抓好贯彻落实，确保各项工作任务按时保质完成。"
) * 6


# ----------------------------------------------------------------------------------------- the site
def site_shape(pages: int) -> tuple[int, int]:
    """(articles per column, list pages per column) so that the site has ≈ ``pages`` HTML pages."""
    per_col = max(1, (pages - 1) // len(COLUMNS))
    # per column: lists + articles = per_col, lists = ceil(articles / PER_LIST)
    articles = per_col
    while articles + -(-articles // PER_LIST) > per_col:
        articles -= 1
    return articles, -(-articles // PER_LIST)


def _frame(title: str, body: str) -> str:
    nav = "".join(f'<li><a href="/col{i}/">{name}</a></li>' for i, name in enumerate(COLUMNS))
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}_示范县人民政府</title>'
        f'<meta name="SiteName" content="示范县人民政府"><meta name="SiteIDCode" content="1234000001">'
        f'<link rel="stylesheet" href="/static/main.css"></head><body><div class="header">'
        f'<div class="top">今天是2026年11月16日 星期一</div><ul class="nav"><li><a href="/">首页</a></li>{nav}</ul>'
        f'<form action="/search" method="get"><input name="searchword"><button>搜索</button></form></div>'
        f'<div class="main">{body}</div><div class="footer"><a href="/about.html">关于本站</a> '
        f'<a href="/sitemap.html">网站地图</a> 主办单位：示范县人民政府办公室 网站标识码：1234000001 '
        f"皖ICP备05001234号 皖公网安备34000002000001号 联系电话：0551-12345678</div></body></html>"
    )


def render(path: str, pages: int) -> tuple[int, str]:
    articles, lists = site_shape(pages)
    path = path.split("?")[0]
    if path in ("/", "/index.html"):
        blocks = "".join(
            f'<div class="block"><h2>{name}</h2><ul>'
            + "".join(
                f'<li><a href="/col{c}/art{a}.html">{name}第{a}号信息</a><span>2026-11-{1 + a % 15:02d}</span></li>'
                for a in range(min(8, articles))
            )
            + f'</ul><a href="/col{c}/">更多</a></div>'
            for c, name in enumerate(COLUMNS)
        )
        return 200, _frame("首页", blocks)
    if path in ("/about.html", "/sitemap.html"):
        return 200, _frame("关于本站", f"<p>{BODY}</p>")
    parts = path.strip("/").split("/")
    if parts[0].startswith("col") and parts[0][3:].isdigit() and int(parts[0][3:]) < len(COLUMNS):
        c = int(parts[0][3:])
        name = COLUMNS[c]
        leaf = parts[1] if len(parts) > 1 else ""
        if leaf in ("", "index.html") or (leaf.startswith("index_") and leaf.endswith(".html")):
            n = 0 if leaf in ("", "index.html") else int(leaf[6:-5])
            if n >= lists:
                return 404, _frame("页面不存在", "<p>您访问的页面不存在</p>")
            items = "".join(
                f'<li><a href="/col{c}/art{a}.html">{name}第{a}号信息</a><span>2026-{1 + a % 12:02d}-'
                f"{1 + a % 28:02d}</span></li>"
                for a in range(n * PER_LIST, min(articles, (n + 1) * PER_LIST))
            )
            pager = "".join(
                f'<a href="/col{c}/index_{k}.html">{k + 1}</a>' if k else f'<a href="/col{c}/">1</a>'
                for k in range(lists)
            )
            return 200, _frame(name, f"<h1>{name}</h1><ul>{items}</ul><div class='pager'>{pager}</div>")
        if leaf.startswith("art") and leaf.endswith(".html") and leaf[3:-5].isdigit() and int(leaf[3:-5]) < articles:
            a = int(leaf[3:-5])
            return 200, _frame(
                f"{name}第{a}号信息",
                f"<h1>{name}第{a}号信息</h1><div class='info'>发布时间：2026-{1 + a % 12:02d}-"
                f"{1 + a % 28:02d} 来源：县政府办公室</div><div class='content'><p>{BODY}</p>"
                f"<p>{BODY}</p></div><a href='/col{c}/'>返回列表</a>",
            )
    return 404, _frame("页面不存在", "<p>您访问的页面不存在</p>")


def serve(port_file: str, pages: int) -> None:
    """A small asyncio HTTP/1.1 keep-alive server: fast enough not to be what is measured."""
    cache: dict[str, bytes] = {}

    def response(path: str) -> bytes:
        r = cache.get(path)
        if r is None:
            if path == "/robots.txt":
                status, body = 200, "User-agent: *\nDisallow: /search\n"
                ctype = "text/plain"
            elif path == "/static/main.css":
                status, body, ctype = 200, "body{font-size:14px}", "text/css"
            else:
                status, body = render(path, pages)
                ctype = "text/html; charset=utf-8"
            data = body.encode("utf-8")
            reason = "OK" if status == 200 else "Not Found"
            r = (
                f"HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {len(data)}\r\n"
                f"Connection: keep-alive\r\n\r\n"
            ).encode() + data
            if len(cache) < 20000:
                cache[path] = r
        return r

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                line = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ")
                writer.write(response(line[1] if len(line) > 1 else "/"))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=1024)
        Path(port_file).write_text(str(server.sockets[0].getsockname()[1]))
        async with server:
            await server.serve_forever()

    asyncio.run(main())


# ----------------------------------------------------------------------------------------- measuring
class Meter:
    """CPU seconds and peak RSS of this process and its children (Chromium), sampled every 50 ms."""

    def __init__(self) -> None:
        import psutil

        self.proc = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()
        self._children_cpu: dict[int, float] = {}
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self.cpu0 = self._cpu()
        self.t0 = time.perf_counter()
        self._thread.start()

    def _cpu(self) -> float:
        t = self.proc.cpu_times()
        total = t.user + t.system
        for child in self.proc.children(recursive=True):
            try:
                ct = child.cpu_times()
                self._children_cpu[child.pid] = ct.user + ct.system
            except Exception:  # noqa: BLE001, S110
                pass
        return total + sum(self._children_cpu.values())

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                rss = self.proc.memory_info().rss
                for child in self.proc.children(recursive=True):
                    try:
                        rss += child.memory_info().rss
                    except Exception:  # noqa: BLE001, S110
                        pass
                self.peak = max(self.peak, rss)
                self._cpu()
            except Exception:  # noqa: BLE001, S110
                pass
            time.sleep(0.05)

    def done(self, pages: int) -> dict:
        cpu = self._cpu() - self.cpu0
        wall = time.perf_counter() - self.t0
        self._stop.set()
        self._thread.join()
        return {
            "pages": pages,
            "wall_s": round(wall, 3),
            "pages_per_s": round(pages / wall, 1),
            "cpu_s_per_page": round(cpu / max(pages, 1), 5),
            "peak_rss_mb": round(self.peak / 2**20, 1),
        }


def run_ours_http(base: str, pages: int) -> dict:
    sys.path.insert(0, str(ROOT))
    from inspector.crawl import CrawlSettings, Fetcher, crawl_site

    settings = CrawlSettings(
        max_pages=pages + 100,
        max_depth=10,
        per_host_concurrency=16,
        per_host_delay_s=0.0,
        sitemap=False,
        keep_page_links=False,
    )
    meter = Meter()
    count = {"n": 0}

    async def on_page(p) -> None:  # the store would receive it here
        count["n"] += 1

    async def go():
        async with Fetcher(settings) as f:
            return await crawl_site(base + "/", settings, fetcher=f, on_page=on_page)

    result = asyncio.run(go())
    out = meter.done(len(result.pages))
    out["links_checked"] = result.stats["links_checked"]
    return out


def run_scrapy(base: str, pages: int) -> dict:
    import scrapy
    from scrapy.crawler import CrawlerProcess
    from scrapy.linkextractors import LinkExtractor

    count = {"n": 0}

    class GovSpider(scrapy.Spider):
        name = "gov"
        start_urls = [base + "/"]  # noqa: RUF012 (Scrapy reads a class attribute)
        extractor = LinkExtractor()  # the bench site has only internal links

        def parse(self, response):
            count["n"] += 1
            yield {"url": response.url, "title": response.css("title::text").get()}
            for link in self.extractor.extract_links(response):
                yield scrapy.Request(link.url, callback=self.parse)

    meter = Meter()
    process = CrawlerProcess(
        settings={
            "LOG_LEVEL": os.environ.get("BENCH_SCRAPY_LOG", "ERROR"),
            "CONCURRENT_REQUESTS": 16,
            "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
            "DOWNLOAD_DELAY": 0,
            "ROBOTSTXT_OBEY": True,
            "TELNETCONSOLE_ENABLED": False,
            "ITEM_PIPELINES": {},
            "DEPTH_LIMIT": 10,
            "COOKIES_ENABLED": False,
            "RETRY_ENABLED": False,
            "USER_AGENT": "gov-inspector-bench (scrapy)",
        }
    )
    process.crawl(GovSpider)
    process.start()
    return meter.done(count["n"])


def subset(base: str, n: int, pages: int) -> list[str]:
    articles, _ = site_shape(pages)
    urls = [base + "/"] + [f"{base}/col{c}/" for c in range(len(COLUMNS))]
    a = 0
    while len(urls) < n:
        urls.append(f"{base}/col{a % len(COLUMNS)}/art{a // len(COLUMNS) % articles}.html")
        a += 1
    return urls[:n]


def run_ours_browser(base: str, pages: int, n: int) -> dict:
    sys.path.insert(0, str(ROOT))
    from inspector.crawl import CrawlSettings, Fetcher

    urls = subset(base, n, pages)
    settings = CrawlSettings(per_host_concurrency=4, per_host_delay_s=0.0, browser_pages=4)

    async def go() -> int:
        async with Fetcher(settings) as f:
            await f.fetch(urls[0], render=True)  # browser start-up is not per-page cost
            meter = Meter()
            queue: asyncio.Queue[str] = asyncio.Queue()
            for u in urls:
                queue.put_nowait(u)

            async def worker() -> int:
                ok = 0
                while not queue.empty():
                    p = await f.fetch(queue.get_nowait(), render=True)
                    ok += p.error is None
                return ok

            ok = sum(await asyncio.gather(*(worker() for _ in range(4))))
            go.result = meter.done(ok)  # type: ignore[attr-defined]
            return ok

    asyncio.run(go())
    return go.result  # type: ignore[attr-defined]


def run_raw_playwright(base: str, pages: int, n: int) -> dict:
    from playwright.async_api import async_playwright

    urls = subset(base, n, pages)

    async def go() -> dict:
        async with async_playwright() as pw:
            from inspector.crawl.browser import LAUNCH_ARGS, find_chromium

            browser = await pw.chromium.launch(
                executable_path=find_chromium().executable_path, headless=True, args=list(LAUNCH_ARGS)
            )
            ctx = await browser.new_context(user_agent="gov-inspector-bench (playwright)", locale="zh-CN")
            warm = await ctx.new_page()
            await warm.goto(urls[0])
            await warm.close()
            meter = Meter()
            queue: asyncio.Queue[str] = asyncio.Queue()
            for u in urls:
                queue.put_nowait(u)

            async def worker() -> int:
                ok = 0
                while not queue.empty():
                    url = queue.get_nowait()
                    page = await ctx.new_page()
                    r = await page.goto(url, wait_until="load")
                    await page.content()
                    await page.close()
                    ok += bool(r and r.ok)
                return ok

            ok = sum(await asyncio.gather(*(worker() for _ in range(4))))
            out = meter.done(ok)
            await browser.close()
            return out

    return asyncio.run(go())


# ----------------------------------------------------------------------------------------- driver
def child(kind: str, base: str, pages: int, subset_n: int) -> None:
    runners = {
        "ours_http": lambda: run_ours_http(base, pages),
        "scrapy": lambda: run_scrapy(base, pages),
        "ours_browser": lambda: run_ours_browser(base, pages, subset_n),
        "playwright": lambda: run_raw_playwright(base, pages, subset_n),
    }
    print("BENCH " + json.dumps(runners[kind]()), flush=True)


def run_child(kind: str, base: str, pages: int, subset_n: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--base", base, "--pages", str(pages), "--subset", str(subset_n)],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    for line in out.stdout.splitlines():
        if line.startswith("BENCH "):
            return json.loads(line[6:])
    raise SystemExit(f"{kind} failed:\n{out.stdout[-2000:]}\n{out.stderr[-3000:]}")


class SiteServer:
    def __init__(self, pages: int):
        self.pages = pages

    def __enter__(self) -> str:
        port_file = Path(f"/tmp/crawl_bench_{os.getpid()}_{self.pages}.port")
        port_file.unlink(missing_ok=True)
        self.proc = subprocess.Popen([sys.executable, __file__, "--serve", str(port_file), "--pages", str(self.pages)])
        for _ in range(200):
            if port_file.exists() and port_file.read_text():
                return f"http://127.0.0.1:{port_file.read_text()}"
            time.sleep(0.05)
        raise SystemExit("bench server did not start")

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def line(name: str, r: dict) -> str:
    return (
        f"{name:<22} pages={r['pages']:>6}  {r['pages_per_s']:>8.1f} pages/s  "
        f"{r['cpu_s_per_page'] * 1000:>7.2f} ms CPU/page  peak RSS {r['peak_rss_mb']:>7.1f} MB"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--subset", type=int, default=200)
    ap.add_argument("--skip-10k", action="store_true", help="do not run the 10,000-page memory crawl")
    ap.add_argument("--serve", help=argparse.SUPPRESS)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--base", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        return serve(args.serve, args.pages)
    if args.child:
        return child(args.child, args.base, args.pages, args.subset)

    print(f"site: {args.pages} pages (shape {site_shape(args.pages)} articles/lists per column × {len(COLUMNS)})")
    with SiteServer(args.pages) as base:
        a = run_child("ours_http", base, args.pages, args.subset)
        print(line("(a) gov-inspector HTTP", a), f"links checked {a.get('links_checked')}", flush=True)
        b = run_child("scrapy", base, args.pages, args.subset)
        print(line("(b) Scrapy", b), flush=True)
        c = run_child("ours_browser", base, args.pages, args.subset)
        print(line("(c) gov-inspector browser", c), flush=True)
        d = run_child("playwright", base, args.pages, args.subset)
        print(line("(d) raw Playwright", d), flush=True)
    rss_10k = a["peak_rss_mb"] if args.pages >= 10000 else None
    if rss_10k is None and not args.skip_10k:
        with SiteServer(10000) as base:
            big = run_child("ours_http", base, 10000, args.subset)
        print(line("(a) HTTP, 10k pages", big), flush=True)
        rss_10k = big["peak_rss_mb"]
    print(
        f"RESULT http_vs_scrapy={a['pages_per_s'] / b['pages_per_s']:.2f} "
        f"browser_vs_playwright={c['pages_per_s'] / d['pages_per_s']:.2f} "
        f"peak_rss_mb_10k={rss_10k if rss_10k is not None else 'n/a'}"
    )


if __name__ == "__main__":
    main()
