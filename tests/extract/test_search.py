"""Site-search recognition on the markup real government homepages use."""

import pytest

from inspector.extract.html import parse_html
from inspector.extract.search import find_search, query_url

URL = "http://www.example.gov.cn/"


def box(body: str):
    return find_search(parse_html(f"<html><body>{body}</body></html>", URL))


def purposes(body: str) -> list[str]:
    return [f.purpose for f in parse_html(f"<html><body>{body}</body></html>", URL).forms]


def test_trs_was40_form_fills_the_hidden_searchword_too():
    html = (
        '<form name="searchform" onsubmit="return setSearchword(this);" action="/was40/search?channelid=59662" '
        'method="post"><input type="hidden" name="searchword" value=""><input type="hidden" name="templet" '
        'value="outline.jsp"><td>站内搜索</td><input type="text" name="keyword" value="关键字">'
        '<input type="image" src="s.gif"></form>'
    )
    b = box(html)
    assert (b.kind, b.action, b.field, b.also, b.method) == (
        "form",
        "http://www.example.gov.cn/was40/search?channelid=59662",
        "keyword",
        ["searchword"],
        "post",
    )
    url = query_url(b, "春耕")
    assert "channelid=59662" in url and "searchword=%E6%98%A5%E8%80%95" in url and "keyword=%E6%98%A5%E8%80%95" in url


@pytest.mark.parametrize(
    "form",
    [
        '<form action="/was5/web/search"><input type="hidden" name="channelid" value="1"><input name="andsen"></form>',
        '<form id="custom_search_vsb" action="search_fzjg.jsp"><input name="lucenesearchkeyword" type="text"></form>',
        '<form name="SearchForm" action="/index.php"><input name="kw" type="text"></form>',
        '<form action="http://search.tj.gov.cn/s"><input type="hidden" name="database"><input name="qt"></form>',
        '<form action="/cx.jsp"><input name="fullText" type="text" placeholder="请输入关键字"></form>',
    ],
)
def test_unusual_actions_and_field_names_are_search(form):
    assert purposes(form) == ["search"]


@pytest.mark.parametrize(
    ("form", "purpose"),
    [
        (
            '<form action="/coremail/index.jsp"><input name="uid" type="text"><input type="password" name="password">'
            '<input name="verifyCode"></form>',
            "login",
        ),
        ('<form action="/search/login"><input name="q"><input type="password" name="pw"></form>', "login"),
        (
            '<form action="/liuyan/save"><input name="title" placeholder="标题"><textarea name="content"></textarea>'
            "<button>提交留言</button></form>",
            "message",
        ),
        (
            '<form action="http://www.jszwfw.gov.cn/main.jsp"><input name="q" value="请输入经办人姓名或申请人、单位">'
            "<input type=submit></form>",
            "other",
        ),
        (
            '<form action="/articles.do?method=searchJX"><select name="jxId"><option>街道</option></select></form>',
            "other",
        ),
    ],
)
def test_login_message_and_lookup_forms_are_not_search(form, purpose):
    assert purposes(form) == [purpose]
    assert box(form) is None


def test_the_site_search_wins_over_a_lookup_and_the_first_search_is_kept():
    html = (
        '<form action="http://www.jszwfw.gov.cn/main.jsp"><input name="q" value="请输入经办人姓名"></form>'
        '<form action="/jrobot/search.do"><input type="hidden" name="webid" value="1"><input name="q"></form>'
    )
    b = box(html)
    assert b.action == "http://www.example.gov.cn/jrobot/search.do" and b.params == {"webid": "1"}


def test_form_opened_inside_a_table_keeps_its_inputs():
    html = (
        '<table><form method="get" name="fm1" action="http://search.example.gov.cn/"><tr><td>'
        '<input type="hidden" name="tn" value="site"><input size="12" type="text" name="query">'
        '<input type="submit" value="检　　索"></td></tr></form></table>'
        '<table><form name="mailLogin" action="http://mail.example.gov.cn/remote.php"><tr><td>'
        '<input type="text" name="username"><input type="password" name="Password"></td></tr></form></table>'
    )
    assert purposes(html) == ["search", "login"]
    b = box(html)
    assert (b.action, b.field, b.params) == ("http://search.example.gov.cn/", "query", {"tn": "site"})


def test_commented_out_form_does_not_shift_the_table_forms():
    html = (
        '<!--<form action="/old"><input name="x"></form>-->'
        '<table><form action="/was5/web/search"><tr><td><input name="searchword"></td></tr></form></table>'
    )
    assert box(html).field == "searchword"


def test_script_submitted_box_outside_a_form():
    html = (
        '<input id="search" name="text" type="text" class="sou-kuang" onkeydown="searchkey(event);">'
        "<script>function dosubmit(){\n"
        ' url = "SEARCH/n_list4Search.html?title=" + escape(document.getElementById("search").value);\n'
        " window.location = url; return false;}</script>"
    )
    b = box(html)
    assert (b.kind, b.action, b.field) == ("js", "http://www.example.gov.cn/SEARCH/n_list4Search.html", "title")


def test_jquery_submitted_box_with_fixed_parameters():
    html = (
        '<input type="text" placeholder="请输入关键字" class="qt" id="qt1" name="qt">'
        "<script>function zz_search(){ var qt1 = $('#qt1').val(); if(qt1!=''){ var searchword = encodeURI(qt1);"
        " var searchurl = 'http://so.kaipuyun.cn/s?siteCode=N000015434'+'&qt='+searchword; window.open(searchurl);}}"
        "</script>"
    )
    b = box(html)
    assert (b.kind, b.action, b.field, b.params) == ("js", "http://so.kaipuyun.cn/s", "qt", {"siteCode": "N000015434"})
    assert query_url(b, "x") == "http://so.kaipuyun.cn/s?siteCode=N000015434&qt=x"


def test_a_text_box_without_a_search_script_is_not_search():
    assert box('<input id="search" type="text"><script>var a = "x";</script>') is None


def test_search_in_a_frame_and_a_hosted_widget():
    framed = box('<div class="search"><iframe src="http://hdjl.example.gov.cn/search.html"></iframe></div>')
    assert (framed.kind, framed.action) == ("iframe", "http://hdjl.example.gov.cn/search.html")
    widget = box(
        "<script>(function(){var bdcs = document.createElement('script');"
        "bdcs.src = 'http://znsv.baidu.com/customer_search/api/js?sid=1796' + '&plate_url=';})();</script>"
    )
    assert widget.kind == "script" and widget.action.startswith("http://znsv.baidu.com/customer_search/")


def test_no_search_on_a_plain_page():
    assert box('<a href="/">首页</a><form action="/vote"><input type="radio" name="v"></form>') is None


def test_a_tracking_code_lookup_is_not_search():
    form = '<form action="/query" method="get">查询码：<input type="text" name="code" value=""> <button>查询</button></form>'
    assert purposes(form) == ["other"]


def test_box_submitted_by_a_handler_on_its_button():
    html = (
        '<input type="text" name="kw" placeholder="请输入关键词">'
        '<a href="javascript:;" onclick="window.open(\'http://search.example.gov.cn/s.jsp?q=\''
        "+encodeURIComponent(document.getElementsByName('kw')[0].value))\">搜索</a>"
    )
    b = box(html)
    assert (b.kind, b.action, b.field) == ("js", "http://search.example.gov.cn/s.jsp", "q")


@pytest.mark.parametrize("action", ["/s.jsp", "/so.html", "/jsearchfront/search.do", "/irs/front/search"])
def test_search_actions(action):
    assert purposes(f'<form action="{action}"><input name="w" type="text"></form>') == ["search"]
