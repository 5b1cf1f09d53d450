"""Scenario definitions as data.

A scenario is a county identity plus parameter overrides on top of :data:`BASE_PARAMS`.  Every
planted defect is switched on by a parameter; the ground-truth manifest is then *derived* from the
generated content (see manifest.py), so data and truth cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

BASE_PARAMS: dict[str, Any] = {
    "today": "2026-11-16T10:00",  # the clock's start; matches `inspector audit --as-of`
    "seed": 1,
    # mailbox (县长信箱) and complaints (民心网)
    "clerk_delay_workdays": 12,  # the clerk answers a letter on the N-th working day, 09:00
    "publish_answer": True,  # publish the clerk's answer in the public list
    "captcha": False,  # complaints: image captcha on /submit
    "complaint_delay_workdays": 5,  # complaints: 办结 on the N-th working day
    # availability
    "home_delay": 0.0,  # seconds before the home page answers
    "failure_share": 0.0,  # share of home-page requests that fail (evenly spread)
    "failure_mode": "503",  # "503" or "hang" (hang longer than the 15 s timeout)
    "hang_seconds": 20.0,
    # message board
    "board_mode": "generated",  # generated | tipdm (the 845 real rows)
    "board_time_format": "iso",  # iso 2026-04-24 16:03:40 | slash 2026/4/24 16:03:40
    "board_messages": 64,  # generated messages of normal traffic (each answered in 1–5 working days)
    "interaction_articles": False,  # 互动交流 is a column of articles (访谈, 征集, 回应关切); no 领导留言板 link
    # planted defects
    "stale_home": False,
    "stale_news_policy": 0,  # how many news / first-level notice+policy columns are stale
    "long_stale": 0,  # how many personnel / plan columns are stale > 1 year
    "blank_columns": 0,
    "explained_blank": False,  # one more empty column carrying an explanatory note
    "broken_links": False,
    "bad_identity": False,
    "board_defects": False,
    "board_statistics": True,
    "hacked": False,
    "forged_dates": False,
    "traps": False,
    "service_mode": "full",  # full | missing_elements | none
    "interaction_open": True,
    "search_works": True,
    "interpretation_links": True,
}


@dataclass(frozen=True)
class County:
    name: str  # 清河县
    pinyin: str  # qinghe (domain www.<pinyin>.gov.cn)
    province: str  # 冀 (ICP / 公网安备 prefix)
    area_code: str  # 6-digit administrative code, used for the site code and ID numbers
    city: str  # the prefecture shown in breadcrumbs / addresses


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    county: County
    params: dict[str, Any] = field(default_factory=dict)


def _c(name: str, pinyin: str, province: str, area: str, city: str) -> County:
    return County(name, pinyin, province, area, city)


SCENARIOS: dict[str, Scenario] = {
    s.name: s
    for s in [
        Scenario(
            "clean",
            "无缺陷：通过全部国家指标（首页/栏目及时更新、标识齐全、留言全部实质答复、统计公开、搜索可用、找错入口、年度报表、政策解读关联）",
            _c("清河县", "qinghe", "冀", "130534", "邢台市"),
        ),
        Scenario(
            "stale-home",
            "首页超过2周未更新（最新条目25天前），另有一条首页条目无日期",
            _c("柳林县", "liulin", "晋", "141125", "吕梁市"),
            {"stale_home": True},
        ),
        Scenario(
            "stale-columns",
            "动态要闻栏目超2周、一级通知公告/政策文件栏目超6个月未更新，累计5个（达到否决线）",
            _c("东平县", "dongping", "鲁", "370923", "泰安市"),
            {"stale_news_policy": 5},
        ),
        Scenario(
            "stale-columns-4",
            "同上但累计4个（低于否决线，仅扣分）",
            _c("西平县", "xiping", "豫", "411721", "驻马店市"),
            {"stale_news_policy": 4},
        ),
        Scenario(
            "long-stale",
            "人事、规划计划类栏目超过1年未更新，共10个（达到否决线）",
            _c("南丰县", "nanfeng", "赣", "361023", "抚州市"),
            {"long_stale": 10},
        ),
        Scenario(
            "blank-columns",
            "5个空白栏目（无条目或仅“暂无信息”），另1个空栏目附有说明（不计入）",
            _c("安平县", "anping", "冀", "131125", "衡水市"),
            {"blank_columns": 5, "explained_blank": True},
        ),
        Scenario(
            "broken-links",
            "首页与内页死链：404、403、无人监听端口、图片404、附件404、软404",
            _c("平山县", "pingshan", "冀", "130131", "石家庄市"),
            {"broken_links": True},
        ),
        Scenario(
            "bad-identity",
            "网站标识码格式错误、缺公安备案、缺党政机关标识、非.gov.cn域名、缺找错入口、无年度报表",
            _c("石县", "shixian", "冀", "130199", "石家庄市"),
            {"bad_identity": True},
        ),
        Scenario(
            "unanswered",
            "留言超3个月未答复、答复超期、敷衍答复、只转办不公开结果、未公开统计数据",
            _c("永和县", "yonghe", "晋", "141032", "临汾市"),
            {"board_defects": True, "board_statistics": False, "board_time_format": "slash"},
        ),
        Scenario(
            "hacked",
            "暗链（display:none/离屏/微小字号/同色）、仅对搜索引擎显示的黑链、网页篡改、身份证号与手机号泄露、严重表述错误",
            _c("宁远县", "ningyuan", "湘", "431126", "永州市"),
            {"hacked": True},
        ),
        Scenario(
            "forged-dates",
            "要闻动态的发布日期总是等于访问当天；旧新华社稿件改为新日期重发",
            _c("长乐县", "changle", "闽", "350199", "福州市"),
            {"forged_dates": True},
        ),
        Scenario(
            "slow-home",
            "首页响应延迟（默认16秒，超过15秒超时）",
            _c("临泉县", "linquan", "皖", "341221", "阜阳市"),
            {"home_delay": 16.0},
        ),
        Scenario(
            "flaky-home",
            "首页按固定规律失败（默认5%的请求返回503，可改为挂起）",
            _c("临泽县", "linze", "甘", "620723", "张掖市"),
            {"failure_share": 0.05},
        ),
        Scenario(
            "traps",
            "爬虫陷阱：重定向循环、无限日历、jsessionid会话URL、重复路径段",
            _c("丰县", "fengxian", "苏", "320321", "徐州市"),
            {"traps": True},
        ),
        Scenario(
            "captcha",
            "与clean相同，民心网投诉提交需要图片验证码",
            _c("青山县", "qingshan", "辽", "210199", "鞍山市"),
            {"captcha": True},
        ),
        Scenario(
            "tipdm",
            "领导留言板展示845条真实留言（泰迪杯数据，读取 ../shared），其余同clean",
            _c("安化县", "anhua", "湘", "430923", "益阳市"),
            {"board_mode": "tipdm", "board_time_format": "csv"},
        ),
        Scenario(
            "broken-features",
            "站内搜索失效、政策文件无解读关联、办事指南缺少要素",
            _c("乐安县", "lean", "赣", "361025", "抚州市"),
            {"search_works": False, "interpretation_links": False, "service_mode": "missing_elements"},
        ),
        Scenario(
            "no-interaction",
            "无有效互动渠道（留言、信箱、投诉均“系统维护中”），无办事服务",
            _c("定远县", "dingyuan", "皖", "341125", "滁州市"),
            {"interaction_open": False, "service_mode": "none"},
        ),
        Scenario(
            "hdjl-articles",
            "“互动交流”栏目是文章（在线访谈、征集调查、回应关切），不是留言；无领导留言板，县长信箱可用：不应否决",
            _c("南陵县", "nanling", "皖", "340223", "芜湖市"),
            {"interaction_articles": True},
        ),
        Scenario(
            "large-board",
            "领导留言板1200条留言、全部按时答复（列表60页，超出旧版50页/400次抓取的上限）：不应否决",
            _c("湘阴县", "xiangyin", "湘", "430624", "岳阳市"),
            {"board_messages": 1200},
        ),
        Scenario(
            "mailbox-unpublished",
            "县长信箱答复后不公开（publish_answer=false），其余同clean",
            _c("宜丰县", "yifeng", "赣", "360924", "宜春市"),
            {"publish_answer": False},
        ),
    ]
}


def list_scenarios() -> list[tuple[str, str]]:
    return [(s.name, s.description) for s in SCENARIOS.values()]


def get_scenario(name: str) -> Scenario:
    try:
        return SCENARIOS[name]
    except KeyError:
        raise KeyError(f"unknown scenario {name!r}; known: {', '.join(SCENARIOS)}") from None


def _coerce(key: str, value: Any) -> Any:
    """Parameters arrive as strings from the CLI (--param k=v); coerce to the default's type."""
    if key not in BASE_PARAMS:
        raise KeyError(f"unknown scenario parameter {key!r}; known: {', '.join(BASE_PARAMS)}")
    default = BASE_PARAMS[key]
    if not isinstance(value, str) or isinstance(default, str):
        return value
    if isinstance(default, bool):
        low = value.strip().lower()
        if low in ("1", "true", "yes", "on"):
            return True
        if low in ("0", "false", "no", "off"):
            return False
        raise ValueError(f"parameter {key}: expected a boolean, got {value!r}")
    if isinstance(default, int):
        return int(value)
    if isinstance(default, float):
        return float(value)
    return value


def parse_param_args(pairs: list[str] | None) -> dict[str, Any]:
    """``["failure_share=0.04", "captcha=on"]`` → dict (for the CLI's repeated --param)."""
    out: dict[str, Any] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep:
            raise ValueError(f"--param expects KEY=VALUE, got {pair!r}")
        out[key.strip()] = _coerce(key.strip(), value)
    return out


def resolve_params(scenario: Scenario, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    params = dict(BASE_PARAMS)
    params.update(scenario.params)
    for key, value in (overrides or {}).items():
        params[key] = _coerce(key, value)
    return params
