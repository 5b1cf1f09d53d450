"""Artifacts, findings and verdicts: the plain data that flows gather → checks → scoring → reports.

Everything here is a dataclass made of JSON-friendly values so that an artifact can be stored,
reloaded and judged again without touching the site (see DESIGN.md: artifacts are reusable).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

# Where a date was read from. The order is the order of trust used when several disagree
# (see inspector.extract.dates): a visible label beats the list line, both beat the meta tag,
# which is often the CMS regeneration time, and the URL path is a last resort.
DateSource = Literal[
    "publish_label",  # 发布时间：/发布日期：/时间： on the article page
    "list_line",  # the date beside the item on a column list page
    "meta_pubdate",  # <meta name="PubDate"> and friends
    "url_path",  # /202405/t20240506_1.html
    "body_text",  # a date found in running text (weak)
    "header_today",  # the header's "today is …" line: recorded only to explain why it was ignored
    "jsonld",  # JSON-LD datePublished/dateCreated of the page's article
    "meta_published",  # <meta property="article:published_time">, og:…, itemprop=datePublished, name=date …
    "time_element",  # <time datetime> marked as the publication time (pubdate, class="published" …)
    "meta_modified",  # a modification time (dateModified, article:modified_time): recorded, never the winner
    "htmldate",  # the htmldate library's answer, for pages no rule above decides
    "dateline",  # the unlabelled date under the title ("2024-05-09 22:30·新华社")
    "http_last_modified",
    "sitemap_lastmod",
]

ColumnType = Literal[
    "news",  # 动态/要闻
    "notice",  # 通知公告
    "policy",  # 政策文件
    "interpretation",  # 政策解读
    "personnel",  # 人事信息
    "plan",  # 规划计划
    "annual_report",  # 政府信息公开年报 / 网站年度报表
    "interaction",  # 互动交流 (boards, mailboxes)
    "service",  # 办事服务
    "other",
]

Severity = Literal["veto", "review", "deduction", "bonus", "info"]  # review: a veto-strength finding not certain
VerdictValue = Literal["pass", "fail", "not_inspected"]
Certainty = Literal["certain", "likely", "possible"]
LinkOutcome = Literal[
    "",  # noted while crawling, not checked yet
    "ok",
    "broken",
    "forbidden",
    "server_error",
    "timeout",
    "dns",
    "tls",
    "connect",
    "too_many_redirects",
    "blocked",
    "soft404",
    "skipped",
]


@dataclass
class DateEvidence:
    """One date seen on a page or list line, with where it came from."""

    value: date
    source: DateSource
    raw: str = ""  # the text it was read from, for the report
    time: str | None = None  # "HH:MM[:SS]" when the source carried a time
    year_implied: bool = False  # "[05-06]": the year was inferred
    url: str | None = None  # page the date was read on


@dataclass
class Link:
    url: str  # absolute, normalised
    text: str = ""
    tag: str = "a"  # a | img | script | link | iframe | form
    hidden: bool = False  # set by the hidden-link gatherer when the element is invisible


@dataclass
class FormField:
    name: str
    type: str = "text"  # input type, "textarea", "select"
    label: str = ""
    required: bool = False
    options: list[str] = field(default_factory=list)
    value: str = ""


@dataclass
class Form:
    action: str
    method: str = "get"
    fields: list[FormField] = field(default_factory=list)
    purpose: str = "other"  # search | message | login | other


@dataclass
class IdentityMarks:
    """Footer identity marks (§6 of the rules)."""

    site_code: str | None = None  # 网站标识码 the page shows (footer text or the 纠错 script's sitecode)
    site_code_source: str | None = None  # = sources["site_code"]
    icp: str | None = None  # 京ICP备05070218号
    psb: str | None = None  # 京公网安备11010202000001号 (digits only when shown as an image link)
    badge: str | None = None  # 党政机关 badge link/img URL
    sponsor: str | None = None  # 主办单位
    contact: str | None = None  # phone / e-mail / address
    site_name: str | None = None  # meta SiteName
    site_domain: str | None = None  # meta SiteDomain
    site_code_meta: str | None = None  # meta SiteIDCode: what the CMS claims, beside what the page shows
    find_errors: str | None = None  # the national 纠错 (我为政府网站找错) entry: script src or link URL
    sources: dict[str, str] = field(default_factory=dict)  # mark → where it was read ("footer-text", "rendered:…")
    footer: str | None = None  # where the raw page's footer comes from: static | script | iframe | none
    filing_image: str | None = None  # an unlinked filing image (beian.gif): numbers a reader sees, we cannot
    rendered: bool | None = None  # None: no rendered pass; True: merged from it; False: rendering failed


@dataclass
class Page:
    """A fetched page: the unit artifact. Body text is not kept in memory once extracted."""

    url: str
    final_url: str = ""
    status: int | None = None
    error: str | None = None  # a FetchError class when the fetch failed (see inspector.crawl.errors)
    error_detail: str = ""
    redirects: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = ""
    encoding: str = ""
    elapsed_ms: float = 0.0
    size: int = 0
    depth: int = 0
    via: str = "http"  # http | browser
    fetched_at: datetime | None = None
    title: str = ""
    text: str | None = None  # decoded HTML; dropped after extraction except where a check needs it
    visible_text: str = ""  # visible text, truncated; used by content checks
    links: list[Link] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    dates: list[DateEvidence] = field(default_factory=list)
    published: DateEvidence | None = None  # the winning date, if the page is an article
    meta: dict[str, str] = field(default_factory=dict)  # gov meta tags: SiteName, ColumnName, PubDate …
    signals: dict[str, Any] = field(default_factory=dict)  # per-page gatherer output (hidden links, PII …)
    screenshot: str | None = None  # path of a screenshot, when one was taken

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 400


@dataclass
class ColumnItem:
    title: str
    url: str | None
    date: DateEvidence | None = None


@dataclass
class Column:
    """A 栏目: a named list of dated items."""

    name: str
    url: str | None  # the list page; None for a home-page block without a 更多 link
    type: ColumnType = "other"
    type_source: str = "dictionary"  # dictionary | plan | meta
    level: int = 1  # 1 = first-level (navigation / home block), 2 = sub-column
    items: list[ColumnItem] = field(default_factory=list)
    pages_seen: int = 0
    note: str | None = None  # explanatory note on an empty column (备注说明)
    on_home: bool = False
    blank_text: str | None = None  # "暂无信息" placeholder seen
    error: str | None = None  # list page could not be fetched
    # Where the name came from: heading | tab | link (a link to the column) | nav | meta (list page) | none
    name_source: str = "heading"

    @property
    def dated_items(self) -> list[ColumnItem]:
        return [i for i in self.items if i.date is not None]

    @property
    def latest(self) -> ColumnItem | None:
        dated = self.dated_items
        return max(dated, key=lambda i: i.date.value) if dated else None  # type: ignore[union-attr]


@dataclass
class LinkCheck:
    """Outcome of checking one link target once per audit."""

    url: str
    outcome: LinkOutcome
    status: int | None = None
    detail: str = ""
    found_on: list[str] = field(default_factory=list)  # pages that link to it
    on_home: bool = False
    internal: bool = True
    tag: str = "a"
    text: str = ""


@dataclass
class MessageStep:
    """One step of a platform's handling record (提交/受理/转办/办结 …) with the site's stated time."""

    name: str
    at: datetime | None = None
    text: str = ""


@dataclass
class Message:
    """A citizen's message on a public board, with the agency's reply."""

    title: str
    url: str | None = None
    id: str | None = None
    submitted_at: datetime | None = None
    question: str = ""
    unit: str | None = None  # 答复单位
    replied_at: datetime | None = None
    reply: str = ""
    status: str | None = None  # as shown by the site (已回复/未回复/办理中)
    raw_dates: dict[str, str] = field(default_factory=dict)
    author: str | None = None
    tracking_code: str | None = None
    # What the reader established (inspector.extract.message_state): answered | pending | unknown
    # (unknown = not read: never counted as unanswered). None in artifacts stored before it existed.
    state: str | None = None
    state_source: str | None = None  # list_status | detail_status | detail_reply | detail_no_reply
    sources: dict[str, str] = field(default_factory=dict)  # field → where it was read (list | detail | step)
    evidence: list[str] = field(default_factory=list)  # the message labels/status seen (留言时间, 状态：已回复 …)
    list_url: str | None = None  # the list page the row was read on
    detail_read: bool = False  # its detail page was fetched and read
    steps: list[MessageStep] = field(default_factory=list)  # the platform's handling record, if shown
    accepted_at: datetime | None = None  # 受理, as stated by the site
    forwarded_at: datetime | None = None  # 转办/交办
    concluded_at: datetime | None = None  # 办结


@dataclass
class MessageBoard:
    name: str
    url: str
    kind: str = "consultation"  # consultation | complaint | mailbox | petition | discipline | survey | interview
    messages: list[Message] = field(default_factory=list)
    stats: dict[str, Any] | None = None  # published statistics block, if any
    submit_form: Form | None = None
    pages_seen: int = 0
    error: str | None = None
    list_url: str | None = None  # the public list, when it differs from the entry page
    search_url: str | None = None
    accepts_submissions: bool | None = None  # False: the write page says 系统维护中 / 暂停受理
    rows_stated: int | None = None  # the total the board states (共N条), when it does
    rows_not_read: int | None = None  # rows the board lists that were not read (budget, unreachable pages)
    details_not_read: int = 0  # rows whose detail page was not read (budget, fetch errors)
    articles_skipped: int = 0  # list items without message evidence (articles, not messages)
    stopped: str | None = None  # why reading stopped early: budget | list_error | no_next_page_link …


@dataclass
class AvailabilitySample:
    at: datetime
    url: str
    ok: bool
    elapsed_ms: float | None = None
    status: int | None = None
    error: str | None = None


@dataclass
class SearchProbe:
    """Result of querying the site search with a recent known title."""

    form_url: str | None = None
    query: str | None = None
    results_url: str | None = None
    found: bool | None = None
    result_count: int | None = None
    error: str | None = None
    kind: str | None = None  # how the site offers search: form | js (script-submitted box) | iframe | script
    field: str | None = None  # the query field the probe filled
    note: str = ""  # where the search box was found, or why it could not be queried


@dataclass
class NetworkFacts:
    ipv6: bool | None = None  # AAAA record present
    ipv6_fetch_ok: bool | None = None
    https: bool | None = None
    tls_valid: bool | None = None
    tls_detail: str = ""


@dataclass
class Evidence:
    url: str | None = None
    snippet: str = ""  # plain text, escaped by the report
    dates: list[DateEvidence] = field(default_factory=list)
    screenshot: str | None = None  # the picture shown beside the evidence (the outlined region of the page)
    data: dict[str, Any] = field(default_factory=dict)
    screenshot_full: str | None = None  # the whole evidence page, one click away from the report


@dataclass
class Finding:
    """What a check observed. Scoring later attaches severity and points from the profile."""

    check: str
    message_zh: str
    message_en: str
    rule: str | None = None  # sub-rule inside a check (e.g. broken-links: home | other)
    url: str | None = None
    column: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    level: str = "fail"  # fail = counts against the site per the profile; info = reported only
    # How sure the check is, from its own evidence: only a certain finding may veto (issue 14).
    certainty: Certainty = "certain"
    certainty_reason: str = ""  # why it is not certain (or what makes it certain), in plain words
    # A person's decision on it (inspector.store.reviews): {state: confirmed | dismissed | dismissed_earlier,
    # by, at, why, audit_id}; None while nobody decided.
    review: dict[str, Any] | None = None
    # Filled by scoring:
    item: str | None = None  # profile item id, e.g. "V3"
    clause: str = ""
    severity: Severity = "info"
    points: float = 0.0
    official: bool = True  # False when the points come from an unconfirmed value

    @property
    def key(self) -> str:
        """Stable identity across runs, for baselines and history (new / fixed / still open)."""
        return "|".join([self.check, self.rule or "", self.url or "", self.column or ""])


@dataclass
class NotJudged:
    """A check that could not judge (missing artifact, site unreachable …): never a content failure."""

    check: str
    reason_zh: str
    reason_en: str


@dataclass
class ItemScore:
    item: str
    title_zh: str
    title_en: str
    clause: str
    severity: str
    points: float  # after the cap
    raw_points: float  # before the cap
    cap: float | None
    official: bool
    findings: int


@dataclass
class Verdict:
    site: str
    verdict: VerdictValue
    score: float | None
    profile: str
    as_of: str
    findings: list[Finding] = field(default_factory=list)
    items: list[ItemScore] = field(default_factory=list)
    not_judged: list[NotJudged] = field(default_factory=list)
    not_inspected_reason: str | None = None
    bonus: float = 0.0
    name: str | None = None
    stats: dict[str, Any] = field(default_factory=dict)  # key figures for the batch table
    run: dict[str, Any] = field(default_factory=dict)  # run metadata: pages, duration, version …
    # The column map as judged, one row per column (type, newest date and where it was read, status):
    # checks.column_freshness.column_rows.
    columns: list[dict[str, Any]] = field(default_factory=list)

    @property
    def vetoes(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "veto"]

    @property
    def reviews(self) -> list[Finding]:
        """Veto-strength findings that are not certain: 待人工复核, not scored until a person decides."""
        return [f for f in self.findings if f.severity == "review"]

    @property
    def deductions(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "deduction"]

    @property
    def info(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "info"]


@dataclass
class SiteArtifacts:
    """Everything gathered about one site: the input of every check."""

    site: str  # the start URL
    as_of: datetime
    home: Page | None = None
    pages: list[Page] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    link_checks: list[LinkCheck] = field(default_factory=list)
    boards: list[MessageBoard] = field(default_factory=list)
    availability: list[AvailabilitySample] = field(default_factory=list)
    identity: IdentityMarks | None = None
    search: SearchProbe | None = None
    network: NetworkFacts | None = None
    probes: list[dict[str, Any]] = field(default_factory=list)
    cloaking: list[dict[str, Any]] = field(default_factory=list)  # per-URL UA diffs
    history: list[dict[str, Any]] = field(default_factory=list)  # earlier runs' item dates (forged-date check)
    not_inspected: str | None = None  # site-level failure class, when the site could not be inspected
    not_inspected_detail: str = ""
    plan: dict[str, Any] = field(default_factory=dict)  # the site's plan entry (overrides)
    stats: dict[str, Any] = field(default_factory=dict)  # crawl figures
    gathered: list[str] = field(default_factory=list)  # names of the artifacts the gatherers produced
    extra: dict[str, Any] = field(default_factory=dict)  # artifacts of plug-in gatherers, by name

    def has(self, name: str) -> bool:
        """Whether an artifact was gathered (so a check says 'not judged' instead of 'pass').

        An empty list that was gathered (no message board found) is different from one that was
        never looked for; gatherers record what they produced in ``gathered``.
        """
        if name in self.gathered:
            return True
        value = self.extra.get(name) if name in self.extra else getattr(self, name, None)
        return value is not None and value != []


def to_jsonable(obj: Any) -> Any:
    """Dataclasses → dicts with ISO dates, for JSON, the store and templates."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (datetime, date)):
        return obj.isoformat()
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    return obj


def from_jsonable(cls: type, data: Any) -> Any:
    """Inverse of ``to_jsonable`` for the dataclasses here: stored artifacts can be judged again."""
    import typing

    hints = typing.get_type_hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if isinstance(data, dict) and f.name in data:
            kwargs[f.name] = _from(hints[f.name], data[f.name])
    return cls(**kwargs)


def _from(tp: Any, value: Any) -> Any:
    import types
    import typing

    if value is None:
        return None
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        return _from(options[0], value) if len(options) == 1 else value
    if origin is list:
        return [_from(args[0], v) for v in value] if args else list(value)
    if origin is dict:
        return dict(value)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return from_jsonable(tp, value)
    if tp is datetime and isinstance(value, str):
        return datetime.fromisoformat(value)
    if tp is date and isinstance(value, str):
        return date.fromisoformat(value[:10])
    return value
