"""Publish-date accuracy of gov-inspector's extractor vs htmldate on real pages with hand-checked dates.

    .venv/bin/python bench/dates_eval.py [--shared PATH]

Truth: the SOURCE.md tables of ../shared/realworld (gne-chinese-pages: 5 government pages;
jiangxi-gov-saved-articles: 4; nfra-gov-rendered-pages: 2), plus GNE news pages whose visible
publish line was checked by eye for this script (marked "eye"). Prints one line per page and, last,
``RESULT accuracy=<share exact> htmldate=<share exact> n=<pages>``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from inspector.extract.dates import page_dates
from inspector.extract.html import parse_html

# (folder/file, the page's original URL (or a plausible one of the same site), truth, where the truth comes from)
TRUTH: list[tuple[str, str, date, str]] = [
    (
        "gne-chinese-pages/pages/tests__shanxi__1.html",
        "http://www.shanxi.gov.cn/yw/sxyw/201909/t20190918_1.shtml",
        date(2019, 9, 18),
        "SOURCE.md",
    ),
    (
        "gne-chinese-pages/pages/tests__gzggw__1.html",
        "http://fgw.zj.gov.cn/art/2016/11/22/art_1.html",
        date(2016, 11, 22),
        "SOURCE.md",
    ),
    (
        "gne-chinese-pages/pages/tests__other__1.html",
        "http://www.gov.cn/gongbao/content/2007/content_1.htm",
        date(2007, 8, 20),
        "SOURCE.md",
    ),
    (
        "gne-chinese-pages/pages/tests__cmse__1.html",
        "http://www.cmse.gov.cn/xwzx/1.html",
        date(2012, 6, 24),
        "SOURCE.md",
    ),
    (
        "gne-chinese-pages/pages/tests__sxmu__1.html",
        "http://jjjc.sxmu.edu.cn/info/1.htm",
        date(2018, 5, 17),
        "SOURCE.md",
    ),
    (
        "jiangxi-gov-saved-articles/wanzai_2015_tjgb_201705.html",
        "http://www.wanzai.gov.cn/wzxrmzf/tjgb/201705/9c059bf058ef4db8b3c8f920e22186fe.shtml",
        date(2017, 5, 15),
        "SOURCE.md",
    ),
    (
        "jiangxi-gov-saved-articles/wanzai_2022_tjsja_202305.html",
        "http://www.wanzai.gov.cn/wzxrmzf/tjsja/202305/7215380191c5400397df5d7d0b5fd06b.shtml",
        date(2023, 5, 11),
        "SOURCE.md",
    ),
    (
        "jiangxi-gov-saved-articles/yichun_2022_tjgb_202305.html",
        "https://www.yichun.gov.cn/ycsrmzf/tjgb/202305/36796cdc82d04268913f2884cf2fe579.shtml",
        date(2023, 4, 18),
        "SOURCE.md",
    ),
    (
        "jiangxi-gov-saved-articles/yichun_jiangxi2022_tjgb_202304.html",
        "https://www.yichun.gov.cn/ycsrmzf/tjgb/202304/3f093ec317ba4609b241d0c79175c7cd.shtml",
        date(2023, 3, 31),
        "SOURCE.md",
    ),
    (
        "nfra-gov-rendered-pages/tests_page_source_debug.html",
        "https://www.nfra.gov.cn/cn/view/pages/ItemDetail.html?docId=1",
        date(2024, 7, 12),
        "SOURCE.md",
    ),
    (
        "nfra-gov-rendered-pages/tests_merged_cells_page_source.html",
        "https://www.nfra.gov.cn/cn/view/pages/ItemDetail.html?docId=2",
        date(2025, 6, 3),
        "SOURCE.md",
    ),
    # GNE news pages: publish line read by eye in the HTML
    (
        "gne-chinese-pages/pages/tests__cjddsb__1.html",
        "http://www.cjddsb.com/news/1.html",
        date(2019, 9, 23),
        "eye: 发布日期：2019-09-23 14:34:05",
    ),
    (
        "gne-chinese-pages/pages/tests__csdn__1.html",
        "http://www.csdn.net/article/1",
        date(2014, 8, 24),
        "eye: 发表于2014-08-24 21:30",
    ),
    (
        "gne-chinese-pages/pages/tests__ednchina__1.html",
        "https://www.ednchina.com/news/1.html",
        date(2019, 9, 25),
        "eye: 时间：2019-09-25",
    ),
    (
        "gne-chinese-pages/pages/tests__gsc__1.html",
        "http://www.gsc.org.cn/1.html",
        date(2019, 5, 18),
        "eye: 发布时间：2019-05-18",
    ),
    (
        "gne-chinese-pages/pages/tests__mingridapan__1.html",
        "http://www.mingridapan.com/1.html",
        date(2019, 9, 26),
        "eye: 发布时间：(newline) 2019-09-26 10:09:11",
    ),
    (
        "gne-chinese-pages/pages/tests__zsnews__1.html",
        "http://www.zsnews.cn/news/1.html",
        date(2019, 3, 6),
        "eye: 发布日期：2019-03-06",
    ),
    (
        "gne-chinese-pages/pages/tests__zyyfy__1.html",
        "http://www.zyyfy.com/1.html",
        date(2019, 10, 31),
        "eye: 时间：2019年10月31日 23:00",
    ),
]


def shared_dir(arg: str | None) -> Path:
    from inspector.shared import shared_dir as default

    return Path(arg) if arg else default()


def htmldate_guess(html: str, url: str) -> date | None:
    try:
        from htmldate import find_date
    except ImportError:
        return None
    try:
        found = find_date(html, url=url, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 — htmldate raises on some inputs; count as a miss
        return None
    return date.fromisoformat(found) if found else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", help="path of the shared folder (default ../shared or $INSPECTOR_SHARED_DIR)")
    args = ap.parse_args(argv)
    root = shared_dir(args.shared) / "realworld"
    if not root.is_dir():
        print(f"shared real-world pages not found at {root}", file=sys.stderr)
        return 2
    as_of = date.today()
    ours_ok = theirs_ok = n = 0
    for rel, url, truth, why in TRUTH:
        path = root / rel
        if not path.is_file():
            print(f"MISSING {rel}")
            continue
        html = path.read_bytes().decode("utf-8", "replace")
        _, winner = page_dates(parse_html(html, url), url, as_of)
        ours = winner.value if winner else None
        theirs = htmldate_guess(html, url)
        n += 1
        ours_ok += ours == truth
        theirs_ok += theirs == truth
        source = winner.source if winner else "-"
        print(
            f"{'ok ' if ours == truth else 'BAD'} {rel:70s} truth={truth} ours={ours} ({source}) htmldate={theirs}  [{why}]"
        )
    if n == 0:
        print("no pages evaluated", file=sys.stderr)
        return 2
    print(f"RESULT accuracy={ours_ok / n:.3f} htmldate={theirs_ok / n:.3f} n={n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
