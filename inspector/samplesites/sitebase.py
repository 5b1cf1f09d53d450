"""Layout shared by the two stand-alone interaction sites (message board, complaint platform)."""

from __future__ import annotations

from html import escape

CSS = """
*{margin:0;padding:0;box-sizing:border-box}
body{font-family:"Microsoft YaHei","Noto Sans CJK SC",sans-serif;font-size:14px;color:#333;background:#eef2f7}
a{color:#1a4f9c;text-decoration:none}a:hover{text-decoration:underline}
.w{width:1100px;margin:0 auto}
.head{background:linear-gradient(180deg,#1d64c4,#114a98);height:110px;color:#fff}
.head h1{font-family:"Noto Serif CJK SC",serif;font-size:36px;letter-spacing:4px;padding-top:26px;text-shadow:1px 1px 2px #0a2b5c}
.head small{font-size:14px;letter-spacing:1px;opacity:.85;margin-left:14px}
.menu{background:#0d3d80;height:42px}.menu a{color:#fff;line-height:42px;padding:0 22px;font-size:16px;display:inline-block}
.box{background:#fff;margin-top:14px;padding:18px 22px;min-height:400px}
.tbl{width:100%;border-collapse:collapse}.tbl th{background:#e8eef8;color:#1a4f9c;padding:9px;border:1px solid #d6deea}
.tbl td{border:1px solid #e1e6ee;padding:8px;text-align:center}.tbl td.t{text-align:left}
.stats{background:#fff8e6;border:1px solid #f0d48a;padding:10px 14px;margin-bottom:14px;font-size:15px}
.stats b{color:#c40000;margin:0 3px}
.pager{text-align:center;margin:16px 0}.pager a,.pager span{margin:0 6px}
.form td{padding:7px}.form input[type=text],.form textarea,.form select{width:460px;padding:6px;border:1px solid #bbb}
.form textarea{height:140px}.btn{background:#1d64c4;color:#fff;border:0;padding:8px 30px;font-size:15px;cursor:pointer}
.err{color:#c40000;margin:8px 0;font-size:15px}.ok{color:#127a12;margin:8px 0;font-size:17px}
.st-ok{color:#127a12}.st-no{color:#c40000}.st-ing{color:#d98200}
.foot{text-align:center;color:#777;padding:18px 0;font-size:13px;line-height:1.9}
.steps li{list-style:none;border-left:3px solid #1d64c4;padding:6px 12px;margin:6px 0;background:#f6f9fd}
"""


def page(title: str, site_title: str, subtitle: str, menu: list[tuple[str, str]], body: str, footer: str) -> str:
    links = "".join(f'<a href="{escape(h)}">{escape(t)}</a>' for t, h in menu)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>
<style>{CSS}</style></head>
<body><div class="head"><div class="w"><h1>{escape(site_title)}<small>{escape(subtitle)}</small></h1></div></div>
<div class="menu"><div class="w">{links}</div></div>
<div class="w box">{body}</div>
<div class="foot">{footer}</div>
</body></html>
"""
