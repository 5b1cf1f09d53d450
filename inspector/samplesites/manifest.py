"""Ground truth: every planted defect of a scenario, with clause, severity and evidence.

Column staleness, home freshness and message defects are *derived* from the generated data with
the national thresholds (rules §3, §5), so a change in the generators cannot silently desync the
truth. Reply latencies in working days are the counts the generator planted
(``Message.planted_working_days``), never recomputed with the engine's own calendar code.  Clause ids are the item ids of inspector/profiles/cn-gov-2019.toml.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from .content import PortalModel
from .messages import Message

if TYPE_CHECKING:
    from .world import World

# Windows (days) by column type — rules §5.1; the same defaults as the cn-gov-2019 profile.
WINDOWS = {"news": 14, "notice": 183, "policy": 183, "personnel": 365, "plan": 365}
V4A_MIN, V4B_MIN, V4C_MIN = 5, 10, 5
V5B_LOOKBACK, V5B_MAX = 365, 90
SLA_WORKDAYS = 10  # reply-latency: planted late replies take > 25 working days, normal ones ≤ 5
AVAILABILITY_TIMEOUT, AVAILABILITY_RATIO = 15.0, 0.05

CLAUSES = {
    ("availability", None): "V2",
    ("homepage-freshness", None): "V3",
    ("column-freshness", "news_policy"): "V4a",
    ("column-freshness", "long_stale"): "V4b",
    ("blank-columns", None): "V4c",
    ("interaction-channel", None): "V5a",
    ("unanswered-messages", None): "V5b",
    ("service-offering", None): "V6",
    ("broken-links", "home"): "D-links-home",
    ("broken-links", "other"): "D-links-other",
    ("identity-marks", None): "D-identity",
    ("gov-domain", None): "D-domain",
    ("site-search", None): "D-search",
    ("find-errors-entry", None): "D-find-errors",
    ("annual-report", None): "D-annual-report",
    ("policy-interpretation", None): "D-interpretation",
    ("reply-latency", None): "D-reply-latency",
    ("brush-off-replies", None): "D-brush-off",
    ("result-disclosure", None): "D-disclosure",
    ("message-statistics", None): "D-message-stats",
    ("hidden-links", None): "V1-dark-links",
    ("spam-content", None): "V1-spam",
    ("cloaking", None): "V1-cloaking",
    ("defacement", None): "V1-defacement",
    ("forged-dates", None): "V1-forged-dates",
    ("misstatements", None): "V1-misstatement",
    ("personal-data", None): "D-privacy",
    ("crawler-trap", None): None,
}


def clause_for(check: str, rule: str | None) -> str | None:
    return CLAUSES.get((check, rule), CLAUSES.get((check, None)))


def default_severity(check: str, rule: str | None) -> str:
    clause = clause_for(check, rule)
    if clause is None:
        return "info"
    if check == "service-offering" and rule == "guide_elements":
        return "deduction"  # V6(2) counts are UNCONFIRMED (rules §12): reported, not a veto here
    return "veto" if clause.startswith("V") else "deduction"


# Checks whose sub-rules are part of the shared vocabulary (issue 3 brief).  For every other check
# the generator's label goes to "kind" and "rule" stays null, so findings match on check + url.
RULED_CHECKS = {"column-freshness", "broken-links", "identity-marks"}


def _defect(
    check: str,
    rule: str | None,
    url: str | None,
    *,
    column: str | None = None,
    dates: dict[str, Any] | None = None,
    note: str = "",
    severity: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    kind = None
    if check not in RULED_CHECKS:
        kind, rule = rule, None
    d = {
        "check": check,
        "rule": rule,
        "clause": clause_for(check, rule),
        "severity": severity or default_severity(check, kind or rule),
        "url": url,
        "column": column,
        "dates": dates or {},
        "note": note,
    }
    if kind:
        d["kind"] = kind
    d.update({k: v for k, v in extra.items() if v is not None})
    return d


def _abs(urls: dict[str, str], site: str, path: str | None) -> str | None:
    if path is None:
        return None
    if path.startswith(("http://", "https://")):
        return path
    base = urls[site].rstrip("/")
    return base + (path if path.startswith("/") else "/" + path)


def home_items(model: PortalModel) -> tuple[list[date], int]:
    """Dates shown on the home page (true dates; forged ones show today) and the undated count."""
    today = model.today.date()
    dates, undated = [], 0
    head = model.items[model.headline]
    if head.home_undated:
        undated += 1
    else:
        dates.append(today if head.dynamic_date else head.published.date())
    for code in ("ywdt", "bmdt", "mtgz", "tzgg", "zcwj", "zcjd", "rsxx", "ghjh", "ndbg"):
        n = 6 if (code == "ywdt" and model.home_extras.get("broken")) else 7
        for it in model.columns[code].items[:n]:
            dates.append(today if it.dynamic_date else it.published.date())
    if model.home_extras.get("broken"):
        dates.append(today - timedelta(days=6))  # the dead headline link is dated too
    return dates, undated


def column_facts(model: PortalModel, urls: dict[str, str]) -> list[dict[str, Any]]:
    today = model.today.date()
    out = []
    for c in model.columns.values():
        newest = max((it.published.date() for it in c.items), default=None)
        out.append(
            {
                "code": c.code,
                "name": c.name,
                "type": c.ctype,
                "first_level": c.first_level,
                "url": _abs(urls, "portal", c.url),
                "items": len(c.items),
                "pages": c.pages,
                "newest": newest.isoformat() if newest else None,
                "age_days": (today - newest).days if newest else None,
                "window_days": WINDOWS.get(c.ctype),
                "blank": bool(c.blank and not c.note),
                "explained_blank": bool(c.blank and c.note),
                "on_home": c.on_home,
                "encoding": c.encoding,
                "js_list": c.js,
                "list_date_format": c.list_fmt,
                "article_date_format": c.article_fmt,
            }
        )
    return out


def _column_defects(model: PortalModel, urls: dict[str, str]) -> list[dict[str, Any]]:
    today = model.today.date()
    stale: dict[str, list] = {"news_policy": [], "long_stale": []}
    for c in model.columns.values():
        if not c.items or c.ctype not in WINDOWS:
            continue
        if c.ctype in ("notice", "policy") and not c.first_level:
            continue
        newest = max(it.published.date() for it in c.items)
        age = (today - newest).days
        if age > WINDOWS[c.ctype]:
            rule = "news_policy" if c.ctype in ("news", "notice", "policy") else "long_stale"
            stale[rule].append((c, newest, age))
    out = []
    for rule, rows in stale.items():
        veto = len(rows) >= (V4A_MIN if rule == "news_policy" else V4B_MIN)
        for c, newest, age in rows:
            out.append(
                _defect(
                    "column-freshness",
                    rule,
                    _abs(urls, "portal", c.url),
                    column=c.name,
                    dates={"newest": newest.isoformat(), "age_days": age, "window_days": WINDOWS[c.ctype]},
                    severity="veto" if veto else "deduction",
                    note=f"{c.name}（{c.column_type_zh}）最新信息{newest.isoformat()}，已{age}天未更新；"
                    f"同类累计{len(rows)}个",
                )
            )
    blanks = [c for c in model.columns.values() if c.blank and not c.note]
    for c in blanks:
        out.append(
            _defect(
                "blank-columns",
                None,
                _abs(urls, "portal", c.url),
                column=c.name,
                severity="veto" if len(blanks) >= V4C_MIN else "deduction",
                note=f"空白栏目（{'无任何条目' if c.blank == 'empty' else '仅显示“' + c.placeholder + '”'}），"
                f"累计{len(blanks)}个",
            )
        )
    return out


def _message_defects(
    messages: list[Message], urls: dict[str, str], today: date, stats_published: bool, source: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    out: list[dict[str, Any]] = []
    non: list[dict[str, Any]] = []
    board = urls["board"]
    for m in messages:
        url = f"{board}detail/{m.id}"
        sub = m.submitted.date()
        dates = {"submitted": m.submitted.strftime("%Y-%m-%d %H:%M:%S")}
        if m.replied:
            dates["replied"] = m.replied.strftime("%Y-%m-%d %H:%M:%S")
        in_window = (today - sub).days <= V5B_LOOKBACK
        if m.status != "已回复":
            age = (today - sub).days
            if in_window and age > V5B_MAX:
                out.append(
                    _defect(
                        "unanswered-messages",
                        None,
                        url,
                        dates={**dates, "age_days": age},
                        message_id=m.id,
                        note=f"留言{sub.isoformat()}提交，状态“{m.status}”，已{age}天未答复",
                    )
                )
            else:
                non.append(
                    {
                        "check": "unanswered-messages",
                        "url": url,
                        "dates": dates,
                        "note": "未答复但" + ("不足3个月" if in_window else "超出1年监测期") + "，不应计入单项否决",
                    }
                )
            continue
        wd = m.planted_working_days
        if m.replied and in_window and wd is not None:
            if wd > SLA_WORKDAYS:
                out.append(
                    _defect(
                        "reply-latency",
                        None,
                        url,
                        dates={**dates, "working_days": wd, "calendar_days": (m.replied.date() - sub).days},
                        message_id=m.id,
                        note=f"答复用时{wd}个工作日",
                    )
                )
        for label, check, rule, note in [
            ("brush_template", "brush-off-replies", "template", "套话式答复"),
            ("identical", "brush-off-replies", "identical", "多条留言答复内容完全相同"),
            ("same_minute", "brush-off-replies", "same_minute", "大量留言在同一分钟答复"),
            ("too_short", "brush-off-replies", "too_short", "答复远短于留言内容"),
            ("no_result", "result-disclosure", None, "答复只说明已转办，未公开办理结果"),
        ]:
            if label in m.plants:
                out.append(_defect(check, rule, url, dates=dates, message_id=m.id, note=f"{note}：“{m.reply[:40]}”"))
    if not stats_published:
        out.append(_defect("message-statistics", None, f"{board}list", note="留言板未公开留言受理反馈情况统计数据"))
    return out, non


def _article_column(
    model: PortalModel, params: dict[str, Any], urls: dict[str, str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """互动交流 of articles: none is a message; the site's channels (县长信箱, 民心网) publish no statistics."""
    from .hdjl import build_articles

    articles = build_articles(model.county, model.today, f"{model.scenario}:{params['seed']}")
    non = [
        {
            "check": "unanswered-messages",
            "url": _abs(urls, "portal", a.url),
            "dates": {"published": a.published.strftime("%Y-%m-%d %H:%M")},
            "note": f"互动交流栏目的文章（{ {'interview': '在线访谈', 'survey': '征集调查', 'response': '回应关切'}[a.kind] }），不是留言",
        }
        for a in articles
    ]
    stats = _defect(
        "message-statistics", None, _abs(urls, "portal", "/hdjl/xzxx/"), note="县长信箱、民心网均未公开留言统计数据"
    )
    return [stats], non


def build_manifest(
    scenario: str,
    params: dict[str, Any],
    urls: dict[str, str],
    model: PortalModel,
    messages: list[Message],
    board_source: str,
    world: World | None = None,
) -> dict[str, Any]:
    today = model.today.date()
    defects: list[dict[str, Any]] = []
    # V2 availability
    delay, share = float(params["home_delay"]), float(params["failure_share"])
    if delay > 0:
        veto = delay >= AVAILABILITY_TIMEOUT
        defects.append(
            _defect(
                "availability",
                "slow",
                urls["portal"],
                severity="veto" if veto else "info",
                note=f"首页每次响应延迟{delay:g}秒" + ("（≥15秒，每次访问均计为失败）" if veto else "（未达15秒超时）"),
            )
        )
    if share > 0:
        veto = share >= AVAILABILITY_RATIO - 1e-9
        defects.append(
            _defect(
                "availability",
                "failures",
                urls["portal"],
                severity="veto" if veto else "info",
                note=f"首页{share:.1%}的请求失败（{params['failure_mode']}，每{round(1 / share)}次一次）",
                failure_share=share,
            )
        )
    # V3 home page
    dates, undated = home_items(model)
    newest = max(dates)
    if (today - newest).days > 14:
        defects.append(
            _defect(
                "homepage-freshness",
                None,
                urls["portal"],
                dates={"newest_item": newest.isoformat(), "age_days": (today - newest).days, "undated_items": undated},
                note=f"首页最新信息日期{newest.isoformat()}，超过2周未更新；另有{undated}条首页信息无日期",
            )
        )
    # V4 columns
    defects += _column_defects(model, urls)
    # V5a interaction channel
    if not params["interaction_open"]:
        defects.append(
            _defect(
                "interaction-channel",
                None,
                f"{urls['board']}list",  # the 互动交流 page only links the channels: the board is one of them
                note="领导留言板、县长信箱、民心网投诉均显示“系统维护中”，无有效咨询建言渠道",
            )
        )
    # messages
    msg_defects, msg_non = _message_defects(messages, urls, today, bool(params["board_statistics"]), board_source)
    if params["interaction_articles"]:
        msg_defects, msg_non = _article_column(model, params, urls)  # the board is not linked at all
    defects += msg_defects
    # explicit plants from the portal generator
    for pl in model.plants:
        site = pl["site"]
        url = urls["dead"] if site == "dead" else _abs(urls, site, pl["path"])
        extra = {
            k: v
            for k, v in pl.items()
            if k not in ("check", "rule", "site", "path", "column", "dates", "note", "found_on")
        }
        defects.append(
            _defect(
                pl["check"],
                pl["rule"],
                url,
                column=pl["column"],
                dates=pl["dates"],
                note=pl["note"],
                found_on=_abs(urls, "portal", pl["found_on"]),
                **extra,
            )
        )
    # dynamic: letters answered but deliberately not published are an undisclosed result
    probes: list[dict[str, Any]] = []
    if world is not None:
        st = world.stats()
        probes = st.get("portal", {}).get("mailbox_letters", [])
        for lt in probes:
            if lt["answered"] and not lt["published"]:
                defects.append(
                    _defect(
                        "result-disclosure",
                        "mailbox",
                        _abs(urls, "portal", "/hdjl/xzxx/"),
                        dates={"submitted": lt["submitted"], "answered": lt["answer_at"]},
                        note=f"县长信箱来信{lt['no']}已答复但未公开答复内容",
                    )
                )
    vetoes = sorted({d["clause"] for d in defects if d["severity"] == "veto" and d["clause"]})
    non_defects = [
        {**{k: v for k, v in nd.items() if k != "path"}, "url": _abs(urls, "portal", nd.get("path"))}
        for nd in model.non_defects
    ] + msg_non
    idn = model.identity
    return {
        "scenario": scenario,
        "today": today.isoformat(),
        "as_of": model.today.isoformat(),
        "sites": {k: v for k, v in urls.items() if k != "dead"},
        "expected": {"verdict": "fail" if vetoes else "pass", "vetoes": vetoes},
        "defects": defects,
        "non_defects": non_defects,
        "facts": {
            "county": model.county,
            "identity": {
                "site_name": idn.site_name,
                "domain": idn.domain,
                "site_code": idn.site_code_footer,
                "icp": idn.icp,
                "psb": idn.psb,
                "badge": idn.badge,
                "sponsor": idn.sponsor,
                "phone": idn.phone,
                "find_errors_entry": idn.find_errors,
            },
            "home": {"newest_item": newest.isoformat(), "undated_items": undated, "header_date_is_today": True},
            "columns": column_facts(model, urls),
            "external_links": ["https://www.gov.cn/fuwu/zfwzjc/zfwzjcrk.htm", "https://bszs.conac.cn/sitename"],
            "unreachable_url": urls["dead"],
            "board": {
                "source": board_source,
                "messages": len(messages),
                "time_format": params["board_time_format"],
                "statistics_published": bool(params["board_statistics"]),
                "partial_truth": board_source == "tipdm",
                "note": (
                    "tipdm: 845条真实留言，答复质量类缺陷未人工标注，仅可比对时间" if board_source == "tipdm" else ""
                ),
            },
            "mailbox": {
                "clerk_delay_workdays": params["clerk_delay_workdays"],
                "publish_answer": params["publish_answer"],
                "probes": probes,
            },
            "complaints": {"captcha": params["captcha"]},
        },
        "params": {k: v for k, v in params.items()},
    }
