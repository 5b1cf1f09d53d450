"""Detail and list layouts of real boards, message vs article evidence, states (issue 13)."""

from __future__ import annotations

from datetime import datetime

from inspector.extract.html import parse_html
from inspector.extract.message_detail import read_detail
from inspector.extract.message_list import parse_list, stated_total
from inspector.extract.message_state import settle, state_of
from inspector.model import Message

FOOT = "<div class='foot'>版权所有：A市人民政府办公厅 网站标识码4300000001</div>"


def detail(body: str) -> tuple[Message, bool]:
    return read_detail(
        f"<html><body><div class='nav'><a href='/'>首页</a></div>{body}{FOOT}</body></html>", "http://b/d"
    )


def test_labels_on_one_line_then_question_then_reply_after_its_own_field_line():
    m, is_message = detail(
        "<h1>A3区潇楚南路洋湖段怎么还没修好？</h1>"
        "<p>来信人：A00023583　来信时间：2019-04-24 16:03:40　办理状态：已办结</p>"
        "<div>潇楚南路从2018年开始修，<br>到现在都快一年了。</div>"
        "<div class='reply'><p>回复单位：A3区洋湖街道　回复时间：2019-05-09 09:49:10</p>"
        "<div>来信人：　　您好！首先感谢您的来信！预计今年8月底完工。2019年4月29日</div></div>"
        "<div>满意度评价：满意 不满意</div><div>【打印】【关闭】</div>"
    )
    assert is_message and m.title == "A3区潇楚南路洋湖段怎么还没修好？"
    assert (m.author, m.unit, m.status) == ("A00023583", "A3区洋湖街道", "已办结")
    assert m.submitted_at == datetime(2019, 4, 24, 16, 3, 40) and m.replied_at == datetime(2019, 5, 9, 9, 49, 10)
    assert m.question == "潇楚南路从2018年开始修，\n到现在都快一年了。"
    # A reply that begins "来信人：" is reply text; the date inside it is not the reply time.
    assert m.reply == "来信人： 您好！首先感谢您的来信！预计今年8月底完工。2019年4月29日"


def test_table_cells_whole_and_placeholder_is_no_reply():
    m, is_message = detail(
        "<table><tr><th>留言编号</th><td>2554</td></tr><tr><th>留言时间</th><td>2019/4/24 16:03:40</td></tr>"
        "<tr><th>留言详情</th><td><p>楚ICP备0000-00000000号案卷中写明</p><p>第二段</p></td></tr>"
        "<tr><th>答复时间</th><td></td></tr><tr><th>答复意见</th><td>暂无答复</td></tr></table>"
    )
    assert is_message and m.id == "2554" and m.submitted_at == datetime(2019, 4, 24, 16, 3, 40)
    assert m.question == "楚ICP备0000-00000000号案卷中写明\n第二段"  # an ICP number in the text is not the footer
    assert m.reply == "" and m.replied_at is None


def test_dl_question_and_reply_block_before_its_time_line_in_chinese_dates():
    m, _ = detail(
        "<dl><dt>留言标题：</dt><dd>路灯不亮</dd><dt>留 言 人：</dt><dd>张**</dd>"
        "<dt>留言时间：</dt><dd>2019年04月24日 16:03:40</dd><dt>留言内容：</dt><dd>城关镇路灯坏了。</dd></dl>"
        "<p>办理状态：<font color=red>已回复</font></p><div><h3>办理结果</h3><div>经核实，已修复。</div>"
        "<div>回复单位：县城管局　回复时间：2019年05月09日 09:49:10</div></div>"
    )
    assert (m.title, m.author, m.status, m.unit) == ("路灯不亮", "张**", "已回复", "县城管局")
    assert m.submitted_at == datetime(2019, 4, 24, 16, 3, 40) and m.replied_at == datetime(2019, 5, 9, 9, 49, 10)
    assert m.question == "城关镇路灯坏了。" and m.reply == "经核实，已修复。"


def test_handling_record_dates_are_the_platforms_own():
    m, is_message = detail(
        "<p>诉求编号：SQ12</p><p>诉求标题：商户拒开发票</p><p>诉求内容：</p><p>某超市拒开发票。</p><h4>办理过程</h4>"
        "<ul><li><b>提交</b>　2026-11-16 10:00:05　群众提交诉求</li><li><b>受理</b>　2026-11-16 12:00　已受理</li>"
        "<li><b>转办</b>　2026-11-17 10:00　已转县市场监管局</li><li><b>办结</b>　2026-11-23 16:00　已答复</li></ul>"
        "<h4>答复意见</h4><p>经调查核实，情况属实，已责令整改。</p>"
    )
    assert is_message and m.question == "某超市拒开发票。" and m.reply == "经调查核实，情况属实，已责令整改。"
    assert [s.name for s in m.steps] == ["提交", "受理", "转办", "办结"]
    assert m.submitted_at == datetime(2026, 11, 16, 10, 0, 5) and m.accepted_at == datetime(2026, 11, 16, 12, 0)
    assert m.forwarded_at == datetime(2026, 11, 17, 10, 0) and m.concluded_at == datetime(2026, 11, 23, 16, 0)
    assert m.replied_at == m.concluded_at and m.sources["replied_at"] == "step"


def test_articles_have_no_message_evidence():
    for body in (
        "<h1>在线访谈：县长谈营商环境</h1><p>发布时间：2024-05-06 来源：县政府办</p><p>网友：何时修路？</p><p>县长：今年。</p>",
        "<h1>关于网民反映积水问题的回应</h1><p>发布时间：2024-05-06</p><p>近日有网民留言反映积水。</p>"
        "<p>答复：经核实，已列入改造计划。</p>",
        "<h1>征求意见的公告</h1><p>征集时间：2024-05-01至2024-05-31</p><p>网站显示，状态：已回复的意见将公开。</p>",
    ):
        m, is_message = detail(body)
        assert not is_message, body
        assert m.status is None  # a status inside a sentence is not the page's status


def test_list_rows_with_and_without_evidence():
    doc = parse_html(
        "<ul class=tabs><li><a href=/done>已回复</a></li><li><a href=/todo>未回复</a></li></ul>"
        "<table><tr><th>编号</th><th>留言主题</th><th>留言时间</th><th>状态</th></tr>"
        "<tr><td>1</td><td><a href=/d/1>为何显示已办结却未解决？</a></td><td>2019-04-24 16:03:40</td><td>未答复</td></tr>"
        "<tr><td>2</td><td><a href=/d/2>关于2018年5月停水的咨询</a></td><td>2019-04-25 10:00:00</td><td>已答复</td></tr></table>"
        "<div>共845条</div><ul class=side><li><a href=/n/1>县长调研</a> 2019-04-01</li><li><a href=/n/2>开会</a> 2019-04-02</li></ul>",
        "http://b/list",
    )
    rows = parse_list(doc)
    assert [(r.url, r.status, r.submitted_at) for r in rows] == [
        ("http://b/d/1", "未答复", datetime(2019, 4, 24, 16, 3, 40)),  # status from its cell, not the title
        ("http://b/d/2", "已答复", datetime(2019, 4, 25, 10, 0)),  # time from its cell, not the title's 2018年5月
    ]
    assert stated_total(doc) == 845
    candidates = parse_list(
        "<ul class=l><li>[2019-04-24]<a href=/s?id=1>路灯</a></li><li>[2019-04-25]<a href=/s?id=2>路面</a></li></ul>",
        "http://b/",
    )
    assert [r.evidence for r in candidates] == [[], []]  # dated items: candidates until a detail page says
    lone = parse_list(
        "<ul class=l><li>[2019-04-26]<a href=/s?id=3>井盖</a></li></ul>", "http://b/", shapes={candidates[0].shape}
    )
    assert [r.url for r in lone] == ["http://b/s?id=3"]  # the last page's single item


def test_answered_means_answered_and_unread_is_unknown():
    [listed_done, listed_open, unlabeled] = parse_list(
        "<div class=c><div class=i><a href=/1>甲</a><span>来信时间：2019-04-24</span><em>已办结</em></div>"
        "<div class=i><a href=/2>乙</a><span>来信时间：2019-04-25</span><em>办理中</em></div>"
        "<div class=i><a href=/3>丙</a><span>来信时间：2019-04-26</span></div></div>",
        "http://b/",
    )
    done = settle(listed_done)
    assert (done.state, done.state_source, done.detail_read) == ("answered", "list_status", False)
    assert settle(listed_open).state == "pending" and settle(unlabeled).state == "unknown"
    # The detail page shows no reply and no status: the list's word stands.
    empty, is_message = detail("<p>来信人：王　来信时间：2019-04-24 10:00:00</p><div>问题</div>")
    assert is_message and settle(listed_done, empty, is_message).state == "answered"
    assert settle(unlabeled, empty, is_message).state_source == "detail_no_reply"
    # Stored messages of earlier versions: judged by what they show.
    assert state_of(Message("x", status="已回复")) == "answered" and state_of(Message("y")) == "unknown"


def test_label_row_over_value_row_and_status_icons():
    m, is_message = detail(
        "<table><tr><th>留言人</th><th>留言时间</th><th>受理时间</th></tr>"
        "<tr><td>王**</td><td>2020-01-02 08:30:15</td><td>2020-01-02 09:00:00</td></tr></table>"
        "<h3>回复内容</h3><div>已安排维修。</div><p>回复时间：2020-01-03 10:00:00</p>"
    )
    assert is_message and (m.author, m.submitted_at) == ("王**", datetime(2020, 1, 2, 8, 30, 15))
    assert m.accepted_at == datetime(2020, 1, 2, 9) and m.reply == "已安排维修。"
    [row] = parse_list(
        "<ul class=l><li><a href=/1>路灯</a> 2020-01-02 <img src=/i/ok.gif alt='已回复'></li>"
        "<li><a href=/2>井盖</a> 2020-01-03 <img src=/i/no.gif alt='未回复'></li></ul>",
        "http://b/",
    )[:1]
    assert row.status == "已回复" and row.state == "answered"
