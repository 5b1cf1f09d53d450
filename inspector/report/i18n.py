"""Report wording as data: every label in zh-CN (the report's first language) with English beside it.

Templates call ``t("key")``; code calls ``text("key", lang)``. Adding a language is adding a column.
"""

from __future__ import annotations

from collections.abc import Callable

LANGS = ("zh", "en")

STRINGS: dict[str, tuple[str, str]] = {
    # verdicts
    "verdict.pass": ("合格", "Pass"),
    "verdict.fail": ("不合格", "Fail"),
    "verdict.not_inspected": ("未能检查", "Not inspected"),
    # severities
    "severity.veto": ("单项否决", "Veto"),
    "severity.deduction": ("扣分", "Deduction"),
    "severity.bonus": ("加分", "Bonus"),
    "severity.info": ("信息", "Information"),
    # page structure
    "report.title": ("政府网站检查报告", "Government website inspection report"),
    "batch.title": ("政府网站检查汇总", "Government website inspection summary"),
    "score": ("得分", "Score"),
    "bonus": ("加分", "Bonus"),
    "vetoes": ("单项否决项", "Veto items"),
    "deductions": ("扣分项", "Deductions"),
    "information": ("信息（不计分）", "Information (not scored)"),
    "no_vetoes": ("未发现单项否决问题。", "No veto item was found."),
    "no_deductions": ("未发现扣分问题。", "No deduction was found."),
    "no_info": ("无。", "None."),
    "items": ("指标汇总", "Indicators"),
    "item": ("指标", "Indicator"),
    "clause": ("依据条款", "Clause"),
    "points": ("分值", "Points"),
    "findings_count": ("问题数", "Findings"),
    "cap": ("上限", "Cap"),
    "provisional": ("非官方分值", "provisional"),
    "provisional.note": (
        "标注“非官方分值”的分值未能从2019年官方指标表原文核实，仅供参考。",
        "Points marked “provisional” were not confirmed from the official 2019 table; treat them as indicative.",
    ),
    "below_threshold": ("未达计分门槛", "below the indicator's threshold"),
    "not_judged": ("未能判定", "Not judged"),
    "not_judged.note": (
        "以下检查项因缺少所需数据而未能判定，不视为通过。",
        "These checks lacked the data they need; they are not counted as passed.",
    ),
    "not_inspected": ("未能检查", "Not inspected"),
    "not_inspected.note": (
        "站点未能完成检查，结果不代表内容问题。",
        "The site could not be inspected; this is not a content failure.",
    ),
    "check": ("检查项", "Check"),
    "reason": ("原因", "Reason"),
    "evidence": ("证据", "Evidence"),
    "url": ("网址", "URL"),
    "column": ("栏目", "Column"),
    "rule": ("子规则", "Rule"),
    "snippet": ("摘录", "Snippet"),
    "message": ("问题描述", "Finding"),
    "dates": ("日期", "Dates"),
    "date_source": ("来源", "Source"),
    "screenshot": ("截图", "Screenshot"),
    "data": ("数据", "Data"),
    "year_implied": ("年份推断", "year inferred"),
    "run": ("检查信息", "Run"),
    "profile": ("检查指标", "Profile"),
    "as_of": ("检查时点", "As of"),
    "pages": ("抓取页面数", "Pages fetched"),
    "duration": ("耗时（秒）", "Duration (s)"),
    "version": ("工具版本", "Version"),
    "started_at": ("开始时间", "Started at"),
    "site": ("网站", "Site"),
    "verdict": ("结论", "Verdict"),
    "stale_columns": ("不更新栏目", "Stale columns"),
    "blank_columns": ("空白栏目", "Blank columns"),
    "broken_links": ("不可用链接", "Broken links"),
    "median_reply_days": ("答复时长中位数（天）", "Median reply (days)"),
    "key_figures": ("关键数据", "Key figures"),
    "messages": ("采集到的留言", "Messages read"),
    "unanswered_messages": ("超3个月未答复留言", "Unanswered > 3 months"),
    # Labels of evidence data fields (a field without a label shows its own name).
    "data.title": ("标题", "Title"),
    "data.id": ("编号", "Number"),
    "data.unit": ("答复单位", "Responding unit"),
    "data.status": ("状态", "Status"),
    "data.submitted_at": ("留言时间", "Submitted"),
    "data.replied_at": ("答复时间", "Replied"),
    "data.days_waiting": ("已等待（天）", "Waiting (days)"),
    "data.days_to_reply": ("答复用时（天）", "Days to reply"),
    "data.url": ("目标网址", "Target URL"),
    "data.technique": ("隐藏手法", "Hiding technique"),
    "data.style": ("样式", "Style"),
    "data.text": ("文字", "Text"),
    "data.container": ("所在元素", "Element"),
    "data.spam_words": ("违规词", "Spam words"),
    "data.source": ("来源", "Source"),
    "data.kind": ("类别", "Kind"),
    "data.value": ("值（已脱敏）", "Value (masked)"),
    "data.word": ("词语", "Word"),
    "data.category": ("类别", "Category"),
    "data.weight": ("权重", "Weight"),
    "data.where": ("位置", "Where"),
    "data.missing": ("缺少要素", "Missing elements"),
    "data.wrong": ("错误表述", "Wrong"),
    "data.right": ("正确表述", "Correct"),
    "data.pattern": ("网址模式", "URL pattern"),
    "data.variant": ("访问身份", "Client"),
    "data.dubious_links": ("可疑外链", "Dubious links"),
    "data.status_code": ("HTTP状态", "HTTP status"),
    "data.outcome": ("检查结果", "Outcome"),
    "probes": ("留言测试记录", "Probe messages"),
    "probe.token": ("标识", "Token"),
    "probe.channel": ("渠道", "Channel"),
    "probe.state": ("状态", "State"),
    "probe.at": ("时间", "At"),
    "chart.verdicts": ("检查结论分布", "Verdict distribution"),
    "chart.items": ("最常见的问题指标", "Most frequent failing indicators"),
    "chart.items.unit": ("个网站", "sites"),
    "chart.empty": ("无数据", "No data"),
    "changes": ("与上次检查相比", "Since the previous inspection"),
    "changes.baseline": ("上次检查时点", "Previous inspection"),
    "changes.new": ("新增问题", "New"),
    "changes.fixed": ("已整改", "Fixed"),
    "changes.open": ("仍未整改", "Still open"),
    "changes.note": (
        "仅比较计分问题；本次新发现的问题在下文标注“新增”。",
        "Only counted findings are compared; findings first seen in this inspection are marked “new” below.",
    ),
    "changes.fixed_list": ("上次发现、本次已不存在的问题", "Found last time, gone now"),
    "changes.none_fixed": ("无。", "None."),
    "badge.new": ("新增", "new"),
    "trends": ("历次检查趋势", "Trends over inspections"),
    "trend": ("趋势", "Trend"),
    "trend.score": ("得分趋势", "Score trend"),
    "trend.latest": ("本次", "latest"),
    "sites": ("网站数", "Sites"),
    "site_list": ("网站列表", "Sites"),
    "veto.note": (
        "存在单项否决项，直接判定为不合格。",
        "A veto item was found: the site fails whatever its score.",
    ),
    "sort.hint": ("点击表头排序", "Click a column header to sort"),
    "open_report": ("查看报告", "Open report"),
    "generated_by": ("由 gov-inspector 生成", "Generated by gov-inspector"),
    "lang.other": ("English", "中文"),
}

# Where a date was read from (model.DateSource) → a label an inspector recognises.
DATE_SOURCES: dict[str, tuple[str, str]] = {
    "publish_label": ("文章发布时间", "article “published” label"),
    "list_line": ("列表页日期", "date on the list page"),
    "meta_pubdate": ("meta PubDate", "meta PubDate"),
    "url_path": ("URL路径", "URL path"),
    "body_text": ("正文日期", "date in body text"),
    "header_today": ("页头“今天是”日期（已忽略）", "header “today is” line (ignored)"),
    "http_last_modified": ("HTTP Last-Modified", "HTTP Last-Modified"),
    "sitemap_lastmod": ("站点地图 lastmod", "sitemap lastmod"),
}


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown report language {lang!r}: use one of {', '.join(LANGS)}")
    return lang


def text(key: str, lang: str) -> str:
    """The wording for ``key``; an unknown key shows itself rather than breaking the report."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    return pair[LANGS.index(check_lang(lang))]


def date_source_label(source: str, lang: str) -> str:
    pair = DATE_SOURCES.get(source)
    return pair[LANGS.index(check_lang(lang))] if pair else source


def translator(lang: str) -> Callable[[str], str]:
    check_lang(lang)
    return lambda key: text(key, lang)


def pick(zh: str | None, en: str | None, lang: str) -> str:
    """The zh or en variant of a pair of fields, falling back to the other when one is empty."""
    if lang == "en":
        return en or zh or ""
    return zh or en or ""
