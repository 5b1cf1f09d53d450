"""Shared look of the simulated government portal: header, navigation bar, footer, CSS.

Modelled on real county portals (../shared/realworld): a red banner with the site name, a top line
with the *browsing* date (a trap for date extractors), a blue navigation bar, and a footer with
主办单位 / 网站标识码 / ICP / 公网安备 / 党政机关 badge.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .clock import SimClock
    from .content import PortalModel

FIND_ERRORS_URL = "https://www.gov.cn/fuwu/zfwzjc/zfwzjcrk.htm"

CSS = """
*{margin:0;padding:0;box-sizing:border-box}
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;
 font-size:14px;color:#333;background:#f3f3f3}
a{color:#333;text-decoration:none}a:hover{color:#c40000;text-decoration:underline}
.w{width:1200px;margin:0 auto}
.topbar{background:#f7f7f7;border-bottom:1px solid #e2e2e2;height:34px;line-height:34px;font-size:13px;color:#666}
.topbar .r{float:right}.topbar .r a{margin-left:14px;color:#666}
.banner{height:150px;background:linear-gradient(180deg,#c8161d 0%,#a80d12 70%,#8f0a0e 100%);position:relative;overflow:hidden}
.banner:after{content:"";position:absolute;right:-60px;top:-80px;width:520px;height:320px;border-radius:50%;
 background:radial-gradient(circle,rgba(255,215,120,.28),rgba(255,215,120,0) 70%)}
.banner .w{position:relative;height:150px}
.emblem{position:absolute;left:0;top:33px;width:84px;height:84px}
.sitename{position:absolute;left:100px;top:38px;color:#fff;font-family:"Noto Serif CJK SC","SimSun",serif;
 font-size:46px;font-weight:bold;letter-spacing:6px;text-shadow:2px 2px 3px rgba(0,0,0,.35)}
.sitename small{display:block;font-size:14px;letter-spacing:2px;font-weight:normal;margin-top:6px;opacity:.85}
.search{position:absolute;right:0;top:56px;z-index:2}
.search input[type=text]{width:250px;height:36px;border:0;padding:0 10px;font-size:14px;border-radius:3px 0 0 3px}
.search button{height:36px;width:70px;border:0;background:#f5b400;color:#8f0a0e;font-weight:bold;font-size:15px;
 border-radius:0 3px 3px 0;cursor:pointer}
.nav{background:#1559a8;height:48px;border-bottom:3px solid #f5b400}
.nav ul{list-style:none}.nav li{float:left}
.nav a{display:block;height:48px;line-height:48px;padding:0 23px;color:#fff;font-size:17px}
.nav a:hover,.nav a.on{background:#0d4486;text-decoration:none}
.main{background:#fff;padding:18px 20px;margin-top:14px;min-height:420px;overflow:hidden}
.crumb{font-size:13px;color:#777;border-bottom:1px solid #e5e5e5;padding-bottom:8px;margin-bottom:14px}
.headline{text-align:center;padding:8px 0 16px;border-bottom:1px dashed #ddd;margin-bottom:12px}
.headline a{font-size:26px;color:#c40000;font-weight:bold;font-family:"Noto Serif CJK SC",serif}
.headline .d{color:#999;font-size:13px;margin-left:10px}
.grid{overflow:hidden}
.block{float:left;width:370px;margin:0 15px 18px 0;border:1px solid #e3e3e3;height:262px}
.block:nth-child(3n){margin-right:0}
.block h3{height:38px;line-height:38px;background:#f4f7fb;border-bottom:2px solid #1559a8;padding:0 12px;font-size:16px}
.block h3 span{color:#1559a8}.block h3 a.more{float:right;font-size:12px;color:#999;font-weight:normal}
.block ul{list-style:none;padding:6px 12px}
.block li{height:30px;line-height:30px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis;padding-left:10px;
 position:relative}
.block li:before{content:"";position:absolute;left:0;top:13px;width:4px;height:4px;background:#c40000}
.block li .d{float:right;color:#999;font-size:12px;margin-left:8px}
.pic{float:left;width:370px;height:262px;margin:0 15px 18px 0;position:relative}
.pic img{width:370px;height:262px;display:block}.pic p{position:absolute;bottom:0;left:0;right:0;background:rgba(0,0,0,.55);
 color:#fff;padding:6px 10px;font-size:14px}
.entries{clear:both;overflow:hidden;margin-bottom:12px}
.entries a{float:left;width:185px;height:70px;line-height:70px;margin:0 8px 8px 0;text-align:center;color:#fff;
 font-size:17px;background:linear-gradient(135deg,#1c6dc9,#1559a8);border-radius:4px}
.entries a.red{background:linear-gradient(135deg,#d8312b,#b3140f)}
.list ul{list-style:none}.list li{height:36px;line-height:36px;border-bottom:1px dashed #e0e0e0;padding-left:12px}
.list li span{float:right;color:#888}
.side{float:left;width:230px;margin-right:20px;border:1px solid #e3e3e3}
.side h2{background:#1559a8;color:#fff;font-size:18px;height:46px;line-height:46px;text-align:center}
.side a{display:block;height:40px;line-height:40px;border-bottom:1px solid #eee;padding-left:22px}
.side a.on{color:#c40000;font-weight:bold}
.content{float:left;width:910px}
.pager{text-align:center;margin:18px 0;color:#666}.pager a,.pager span{margin:0 5px}
.article h1{font-size:24px;text-align:center;color:#222;margin:10px 0 14px;line-height:1.5}
.article .info{text-align:center;color:#888;font-size:13px;border-bottom:1px solid #e5e5e5;padding-bottom:10px;margin-bottom:18px}
.article .info span{margin:0 10px}
.article .body p{text-indent:2em;line-height:2;font-size:16px;margin-bottom:10px}
.article table{border-collapse:collapse;margin:10px auto}.article td,.article th{border:1px solid #bbb;padding:4px 12px}
.docno{text-align:center;color:#555;margin-bottom:10px}
.related{margin-top:18px;padding:10px;background:#f7f9fc;border:1px solid #e3e8f0}
.guide th{background:#f4f7fb;width:140px;text-align:left}
.form td{padding:6px}.form input[type=text],.form textarea,.form select{width:420px;padding:5px;border:1px solid #bbb}
.form textarea{height:120px}.btn{background:#1559a8;color:#fff;border:0;padding:8px 26px;font-size:15px;cursor:pointer}
.err{color:#c40000;margin:8px 0}.ok{color:#127a12;margin:8px 0;font-size:16px}
.stats{background:#fff8e6;border:1px solid #f0d48a;padding:10px 14px;margin-bottom:12px}
.tbl{width:100%;border-collapse:collapse}.tbl th{background:#1559a8;color:#fff;padding:8px}
.tbl td{border-bottom:1px solid #e5e5e5;padding:8px;text-align:center}.tbl td.t{text-align:left}
.footer{background:#8f0a0e;color:#f3dede;margin-top:16px;padding:20px 0 24px;font-size:13px;line-height:2}
.footer a{color:#fff}.footer .w{position:relative;padding-left:110px}
.footer .badge{position:absolute;left:0;top:6px}
.footer .links a{margin-right:16px}
.zc{display:inline-block;border:1px solid #f5b400;color:#fff;padding:0 8px;margin-left:6px}
"""


def page(
    model: PortalModel,
    clock: SimClock,
    title: str,
    body: str,
    *,
    meta: dict[str, str] | None = None,
    charset: str | None = "utf-8",
    nav_on: str = "",
    crumb: list[tuple[str, str]] | None = None,
    extra_head: str = "",
    home: bool = False,
) -> str:
    idn = model.identity
    meta_tags = "".join(f'<meta name="{escape(k)}" content="{escape(v)}">\n' for k, v in (meta or {}).items())
    crumb_html = ""
    if crumb:
        parts = ['<a href="/">首页</a>'] + [
            f'<a href="{escape(h)}">{escape(t)}</a>' if h else escape(t) for t, h in crumb
        ]
        crumb_html = f'<div class="crumb">您当前的位置：{" &gt; ".join(parts)}</div>'
    nav = [
        ("首页", "/"),
        ("政务公开", "/zwgk/index.html"),
        ("要闻动态", "/col/ywdt/index.html"),
        ("通知公告", "/col/tzgg/index.html"),
        ("政策文件", "/col/zcwj/index.html"),
        ("政策解读", "/col/zcjd/index.html"),
        ("办事服务", "/bsfw/index.html"),
        ("互动交流", "/hdjl/index.html"),
        ("走进" + model.county[:-1], "/zjxq.html"),
    ]
    nav_html = "".join(f'<li><a href="{h}"{" class=on" if t == nav_on else ""}>{escape(t)}</a></li>' for t, h in nav)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
{f'<meta charset="{charset}">' if charset else ""}
<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">
<meta name="viewport" content="width=1200">
<meta name="SiteName" content="{escape(idn.site_name)}">
<meta name="SiteDomain" content="{escape(idn.domain)}">
<meta name="SiteIDCode" content="{escape(idn.site_code_meta)}">
{meta_tags}<title>{escape(title)}</title>
<link rel="stylesheet" href="/css/style.css">
{extra_head}</head>
<body>
<div class="topbar"><div class="w"><span id="today">{clock.header_text()}</span>
<span class="r"><a href="/wza.html">无障碍</a><a href="/ghb.html">关怀版</a><a href="/sitemap.html">网站地图</a>
<a href="/lxwm.html">联系我们</a></span></div></div>
<div class="banner"><div class="w"><img class="emblem" src="/images/emblem.png" alt="">
<div class="sitename">{escape(idn.site_name)}<small>{escape(model.county)}人民政府门户网站</small></div>
<form class="search" action="/search" method="get"><input type="text" name="q" placeholder="请输入关键词"><button type="submit">搜索</button></form>
</div></div>
<div class="nav"><div class="w"><ul>{nav_html}</ul></div></div>
<div class="w main">{crumb_html}{body}</div>
{footer(model, home=home)}
</body>
</html>
"""


def footer(model: PortalModel, home: bool = False) -> str:
    idn = model.identity
    badge = ""
    if idn.badge:
        badge = (
            f'<a class="badge" href="https://bszs.conac.cn/sitename?method=show&amp;id={idn.site_code_meta or "0"}A1B2C3"'
            f' target="_blank"><img src="/images/dzjg.png" alt="党政机关" width="90" height="110"></a>'
        )
    zc = f'<a class="zc" href="{FIND_ERRORS_URL}" target="_blank">我为政府网站找错</a>' if idn.find_errors else ""
    code = f"网站标识码：{escape(idn.site_code_footer)}" if idn.site_code_footer else ""
    psb = (
        f'<img src="/images/gaba.png" alt="" width="16" height="16"> <a href="/lxwm.html">{escape(idn.psb)}</a>'
        if idn.psb
        else ""
    )
    domain_line = f"网站域名：{escape(idn.domain)}"
    return f"""<div class="footer"><div class="w">{badge}
<div class="links"><a href="/sitemap.html">网站地图</a><a href="/lxwm.html">联系我们</a><a href="/wzsm.html">网站声明</a>{zc}</div>
<div>主办单位：{escape(idn.sponsor)}　　联系电话：{escape(idn.phone)}　　地址：{escape(idn.address)}　　电子邮箱：{escape(idn.email)}</div>
<div>{code}　　{escape(idn.icp or "")}　　{psb}</div>
<div>{domain_line}　　建议使用1366×768以上分辨率浏览</div>
</div></div>"""
