"""Publication-date accuracy of gov-inspector's page dates vs htmldate, on real pages with a hand-checked date.

    .venv/bin/python bench/dates_eval.py [--shared PATH] [--set NAME] [--misses]

Sets (all read from ../shared/realworld, nothing copied into the project):

- ``gne``: GeneralNewsExtractor's Chinese pages. Truth: the SOURCE.md table (5 government pages) and,
  marked ``eye``, the visible publish line of the news pages, read by eye in the saved HTML for this
  script. Left out: the 4 list pages, and 4 articles whose saved page shows no dated publish line
  (``baijiahao__1``: "10-08" without a year and no dated meta; ``readhub``: "昨天"; both ``wechat`` pages:
  no date in the saved HTML).
- ``jiangxi``: four Jiangxi county/city government articles (SOURCE.md).
- ``nfra``: two NFRA article pages rendered by a browser (SOURCE.md).
- ``htmldate-dev``: 150 pages of htmldate's own evaluation set (``ground_truth.json``); foreign news,
  blogs and shops.

Each page is decoded as the crawler decodes it (``inspector.crawl.decode``); ours and htmldate read the same
decoded text and URL. The htmldate column is the library as it ships (``find_date(original_date=True)``,
extensive search on); ours uses it in fast mode as its last layer. "As of" is today (the pages are older). Prints one row per page, per-set figures and,
last, ``RESULT accuracy=<share exact> htmldate=<share exact> n=<pages>``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from inspector.crawl.decode import decode_html
from inspector.extract.dates import page_dates
from inspector.extract.dates_htmldate import htmldate_day
from inspector.extract.html import parse_html


@dataclass(frozen=True)
class Case:
    set: str
    rel: str  # under realworld/
    url: str
    truth: date
    why: str


def _d(text: str) -> date:
    return date.fromisoformat(text)


GNE = "gne-chinese-pages/pages/"
# (file, url, truth, where the truth comes from). News-page URLs are neutral (the saved pages do not keep
# their address), so no date can come from the URL.
GNE_TRUTH: list[tuple[str, str, str, str]] = [
    ("tests__shanxi__1.html", "http://www.shanxi.gov.cn/yw/sxyw/201909/t20190918_1.shtml", "2019-09-18", "SOURCE.md"),
    ("tests__gzggw__1.html", "http://fgw.zj.gov.cn/art/2016/11/22/art_1.html", "2016-11-22", "SOURCE.md"),
    ("tests__other__1.html", "http://www.gov.cn/gongbao/content/2007/content_1.htm", "2007-08-20", "SOURCE.md"),
    ("tests__cmse__1.html", "http://www.cmse.gov.cn/xwzx/1.html", "2012-06-24", "SOURCE.md"),
    ("tests__sxmu__1.html", "http://jjjc.sxmu.edu.cn/info/1.htm", "2018-05-17", "SOURCE.md"),
    ("tests__cjddsb__1.html", "http://www.cjddsb.com/news/1.html", "2019-09-23", "eye: 发布日期：2019-09-23 14:34:05"),
    ("tests__csdn__1.html", "http://www.csdn.net/article/1", "2014-08-24", "eye: 发表于2014-08-24 21:30"),
    ("tests__ednchina__1.html", "https://www.ednchina.com/news/1.html", "2019-09-25", "eye: 时间：2019-09-25"),
    ("tests__gsc__1.html", "http://www.gsc.org.cn/1.html", "2019-05-18", "eye: 发布时间：2019-05-18"),
    (
        "tests__mingridapan__1.html",
        "http://www.mingridapan.com/1.html",
        "2019-09-26",
        "eye: 发布时间：(newline) 2019-09-26",
    ),
    ("tests__zsnews__1.html", "http://www.zsnews.cn/news/1.html", "2019-03-06", "eye: 发布日期：2019-03-06"),
    ("tests__zyyfy__1.html", "http://www.zyyfy.com/1.html", "2019-10-31", "eye: 时间：2019年10月31日 23:00"),
    ("tests__163__1.html", "https://money.163.com/article/1.html", "2019-09-07", "eye: 2019-09-07 13:43:45 来源:"),
    ("tests__163__2.html", "https://news.163.com/article/2.html", "2019-09-07", "eye: 2019-09-07 09:59:22 来源:"),
    ("tests__163__3.html", "https://news.163.com/article/3.html", "2019-09-08", "eye: 2019-09-08 00:20:15 来源:"),
    ("tests__163__4.html", "https://news.163.com/article/4.html", "2019-09-07", "eye: 2019-09-07 19:53:27 来源:"),
    ("tests__163__5.html", "https://news.163.com/article/5.html", "2019-09-07", "eye: 2019-09-07 16:28:35 来源:"),
    ("tests__163__6.html", "https://news.163.com/article/6.html", "2019-09-09", "eye: 2019-09-09 16:19:28 来源:"),
    ("tests__163__7.html", "https://tech.163.com/article/7.html", "2019-11-25", "eye: 2019-11-25 11:01:53 来源:"),
    ("tests__163__8.html", "https://news.163.com/article/8.html", "2020-02-29", "eye: 2020-02-29 18:34:31 来源:"),
    (
        "tests__163__9.html",
        "https://dy.163.com/article/9.html",
        "2019-05-17",
        "eye: 2019-05-17 under a title naming 5月20日",
    ),
    (
        "tests__baijiahao__2.html",
        "https://baijiahao.baidu.com/s?id=2",
        "2019-09-30",
        "eye: 发布时间：09-30 22:46 + meta 2019-09-30",
    ),
    ("tests__baijiahao__3.html", "https://baijiahao.baidu.com/s?id=3", "2018-03-08", "eye: 发布时间：18-03-08 23:16"),
    (
        "tests__baijiahao__4.html",
        "https://baijiahao.baidu.com/s?id=4",
        "2020-01-14",
        "eye: 发布时间：01-14 17:58 + meta 2020-01-14",
    ),
    ("tests__cjn__1.html", "http://news.cjn.cn/article/1.html", "2020-10-04", "eye: 2020-10-04 20:30 来源: 长江网"),
    ("tests__gamersky__gamersky.html", "https://www.gamersky.com/news/1.shtml", "2019-09-05", "eye: 2019-09-05 11:10"),
    ("tests__guancha__2.html", "https://www.guancha.cn/article/2.shtml", "2019-09-07", "eye: 2019-09-07 15:10:53"),
    ("tests__guancha__3.html", "https://www.guancha.cn/article/3.shtml", "2019-09-09", "eye: 2019-09-09 19:32:27"),
    (
        "tests__guancha__guancha.html",
        "https://www.guancha.cn/article/1.shtml",
        "2019-09-07",
        "eye: 2019-09-07 09:25:09",
    ),
    ("tests__hexun__1.html", "http://stock.hexun.com/article/1.html", "2019-09-26", "eye: 2019-09-26 10:56:28"),
    ("tests__huanqiu__1.html", "https://world.huanqiu.com/article/1", "2020-06-05", "eye: 2020-06-05 20:35"),
    ("tests__ifeng__1.html", "https://news.ifeng.com/c/1", "2019-11-25", "eye: 2019年11月25日 16:04:30"),
    ("tests__ifeng__2.html", "https://news.ifeng.com/c/2", "2019-09-09", "eye: 2019年09月09日 18:13:22"),
    ("tests__ifeng__3.html", "https://nb.ifeng.com/c/3", "2020-09-11", "eye: 2020年09月11日 18:05"),
    ("tests__ifeng__ifeng.html", "https://ent.ifeng.com/c/4", "2019-09-07", "eye: 2019年09月07日 08:05:32"),
    ("tests__njxfhn__1.html", "http://www.njxfhn.com/news/1.html", "2019-09-11", "eye: 2019年09月11日 under the title"),
    ("tests__people__1.html", "http://culture.people.com.cn/n1/1.html", "2019-06-15", "eye: 2019年06月15日08:18 来源"),
    ("tests__qq__2.html", "https://new.qq.com/omn/2.html", "2019-09-23", "eye: 2019-09-23 07:48"),
    ("tests__qq__qq.html", "https://new.qq.com/omn/1.html", "2019-09-07", "eye: 2019 / 09/07 / 19:02"),
    ("tests__sina__1.html", "https://news.sina.com.cn/c/1.shtml", "2019-11-25", "eye: 2019年11月25日 18:57"),
    ("tests__sina__2.html", "https://finance.sina.com.cn/2.shtml", "2018-12-28", "eye: 2018年12月28日 19:55"),
    ("tests__sina__3.html", "https://finance.sina.com.cn/3.shtml", "2019-09-09", "eye: 2019年09月09日 20:52"),
    ("tests__sina__4.html", "https://tech.sina.com.cn/4.shtml", "2019-09-11", "eye: 2019年09月11日01:53"),
    ("tests__sina__5.html", "https://news.sina.com.cn/c/5.shtml", "2019-10-23", "eye: 2019年10月23日 09:05"),
    ("tests__sina__sina.html", "https://news.sina.com.cn/c/6.shtml", "2019-09-07", "eye: 2019年09月07日 04:04"),
    ("tests__stcn__1.html", "http://company.stcn.com/1.shtml", "2019-09-26", "eye: 2019-09-26 12:11来源：证券时报网"),
    ("tests__thepaper__1.html", "https://www.thepaper.cn/newsDetail_forward_1", "2019-09-24", "eye: 2019-09-24 09:10"),
    (
        "tests__thepaper__2.html",
        "https://www.thepaper.cn/newsDetail_forward_2",
        "2019-08-13",
        "eye: 2019-08-13 14:07来源",
    ),
    ("tests__thepaper__3.html", "https://www.thepaper.cn/newsDetail_forward_3", "2020-01-03", "eye: 2020-01-03 18:13"),
    (
        "tests__thepaper__4.html",
        "https://www.thepaper.cn/newsDetail_forward_4",
        "2019-08-13",
        "eye: 2019-08-13 14:07 来源",
    ),
    (
        "tests__thepaper__5.html",
        "https://www.thepaper.cn/newsDetail_forward_5",
        "2020-06-06",
        "eye: 2020-06-06 10:08 来源",
    ),
    ("tests__toutiao__2.html", "https://www.toutiao.com/a2/", "2019-09-08", "eye: 2019-09-08 11:42:03"),
    ("tests__toutiao__3.html", "https://www.toutiao.com/a3/", "2019-09-09", "eye: 原创 南方都市报 2019-09-09 16:01:46"),
    ("tests__toutiao__4.html", "https://www.toutiao.com/a4/", "2019-11-25", "eye: 中国网 2019-11-25 10:37:31"),
    ("tests__toutiao__5.html", "https://www.toutiao.com/a5/", "2020-03-09", "eye: 华夏人文 2020-03-09 18:14:21"),
    ("tests__toutiao__toutiao.html", "https://www.toutiao.com/a1/", "2019-09-04", "eye: 原创 GameForce 2019-09-04"),
    ("tests__xds__1.html", "http://www.xds.com/news/1.html", "2019-09-26", "eye: 2019年9月26日 15:10 来源"),
    ("tests__xinhuanet__1.html", "http://www.xinhuanet.com/world/1.htm", "2019-12-10", "eye: 2019-12-10 07:57:40"),
]
JIANGXI = "jiangxi-gov-saved-articles/"
NFRA = "nfra-gov-rendered-pages/"
OTHER_TRUTH: list[tuple[str, str, str, str, str]] = [
    (
        "jiangxi",
        JIANGXI + "wanzai_2015_tjgb_201705.html",
        "http://www.wanzai.gov.cn/wzxrmzf/tjgb/201705/9c059bf058ef4db8b3c8f920e22186fe.shtml",
        "2017-05-15",
        "SOURCE.md",
    ),
    (
        "jiangxi",
        JIANGXI + "wanzai_2022_tjsja_202305.html",
        "http://www.wanzai.gov.cn/wzxrmzf/tjsja/202305/7215380191c5400397df5d7d0b5fd06b.shtml",
        "2023-05-11",
        "SOURCE.md",
    ),
    (
        "jiangxi",
        JIANGXI + "yichun_2022_tjgb_202305.html",
        "https://www.yichun.gov.cn/ycsrmzf/tjgb/202305/36796cdc82d04268913f2884cf2fe579.shtml",
        "2023-04-18",
        "SOURCE.md",
    ),
    (
        "jiangxi",
        JIANGXI + "yichun_jiangxi2022_tjgb_202304.html",
        "https://www.yichun.gov.cn/ycsrmzf/tjgb/202304/3f093ec317ba4609b241d0c79175c7cd.shtml",
        "2023-03-31",
        "SOURCE.md",
    ),
    (
        "nfra",
        NFRA + "tests_page_source_debug.html",
        "https://www.nfra.gov.cn/cn/view/pages/ItemDetail.html?docId=1",
        "2024-07-12",
        "SOURCE.md",
    ),
    (
        "nfra",
        NFRA + "tests_merged_cells_page_source.html",
        "https://www.nfra.gov.cn/cn/view/pages/ItemDetail.html?docId=2",
        "2025-06-03",
        "SOURCE.md",
    ),
]
HTMLDATE_DEV = "htmldate-dev-dates"


def cases(root: Path) -> list[Case]:
    out = [Case("gne", GNE + f, url, _d(t), why) for f, url, t, why in GNE_TRUTH]
    out += [Case(s, rel, url, _d(t), why) for s, rel, url, t, why in OTHER_TRUTH]
    truth_file = root / HTMLDATE_DEV / "ground_truth.json"
    if truth_file.is_file():
        for name, row in sorted(json.loads(truth_file.read_text(encoding="utf-8")).items()):
            out.append(Case("htmldate-dev", f"{HTMLDATE_DEV}/pages/{name}", row["url"], _d(row["date"]), row["set"]))
    else:
        print(f"MISSING {truth_file}")
    return out


def shared_dir(arg: str | None) -> Path:
    from inspector.shared import shared_dir as default

    return Path(arg) if arg else default()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--shared", help="path of the shared folder (default ../shared or $INSPECTOR_SHARED_DIR)")
    ap.add_argument("--set", action="append", help="only this set (gne, jiangxi, nfra, htmldate-dev); repeatable")
    ap.add_argument("--misses", action="store_true", help="print only the rows we get wrong")
    args = ap.parse_args(argv)
    root = shared_dir(args.shared) / "realworld"
    if not root.is_dir():
        print(f"shared real-world pages not found at {root}", file=sys.stderr)
        return 2
    as_of = date.today()
    per_set: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # ours ok, htmldate ok, n
    wrong = none = 0
    for case in cases(root):
        if args.set and case.set not in args.set:
            continue
        path = root / case.rel
        if not path.is_file():
            print(f"MISSING {case.rel}")
            continue
        html, _ = decode_html(path.read_bytes())
        _, winner = page_dates(parse_html(html, case.url), case.url, as_of)
        ours = winner.value if winner else None
        theirs = htmldate_day(html, case.url, as_of, extensive=True)  # htmldate as it ships
        ok = ours == case.truth
        stats = per_set[case.set]
        stats[0] += ok
        stats[1] += theirs == case.truth
        stats[2] += 1
        wrong += ours is not None and not ok
        none += ours is None
        if args.misses and ok:
            continue
        source = f"{winner.source}: {winner.raw[:40]!r}" if winner else "-"
        print(
            f"{'ok ' if ok else 'BAD'} {case.set:12s} {path.name[:58]:58s} truth={case.truth} ours={ours} "
            f"htmldate={theirs} [{source}] [{case.why}]"
        )
    n = sum(s[2] for s in per_set.values())
    if n == 0:
        print("no pages evaluated", file=sys.stderr)
        return 2
    for name, (ours_ok, theirs_ok, count) in per_set.items():
        print(f"SET {name:12s} n={count:3d} ours={ours_ok / count:.3f} htmldate={theirs_ok / count:.3f}")
    print(f"misses: wrong date {wrong}, no date {none}")
    ours_total = sum(s[0] for s in per_set.values())
    theirs_total = sum(s[1] for s in per_set.values())
    print(f"RESULT accuracy={ours_total / n:.3f} htmldate={theirs_total / n:.3f} n={n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
