"""Artifacts for the content checks, built in Python (shared by the tests of this engineer's checks)."""

from __future__ import annotations

import importlib
from datetime import date, datetime

from inspector.check import CheckContext
from inspector.model import (
    Column,
    ColumnItem,
    DateEvidence,
    Finding,
    IdentityMarks,
    Link,
    Page,
    SiteArtifacts,
)

AS_OF = datetime(2024, 5, 20, 10, 0)
HOME = "http://www.mmx.gov.cn/"


def item(title: str, day: date | None, url: str | None = None) -> ColumnItem:
    return ColumnItem(
        title=title,
        url=url or f"{HOME}{abs(hash(title)) % 10000}.html",
        date=DateEvidence(value=day, source="list_line", raw=day.isoformat()) if day else None,
    )


def column(name: str, kind: str, *days: date | None, level: int = 1, pages_seen: int = 1, **kw) -> Column:
    return Column(
        name=name,
        url=f"{HOME}{kind}/{abs(hash(name)) % 1000}/",
        type=kind,
        level=level,
        items=[item(f"{name}{n}", d) for n, d in enumerate(days)],
        pages_seen=pages_seen,
        **kw,
    )


def home_page(html: str | None = None, links: list[Link] | None = None, **kw) -> Page:
    return Page(url=HOME, final_url=HOME, status=200, text=html, links=links or [], **kw)


def site(**kw) -> SiteArtifacts:
    kw.setdefault("home", home_page())
    return SiteArtifacts(site=HOME, as_of=AS_OF, **kw)


def run(check_id: str, a: SiteArtifacts, as_of: datetime = AS_OF, **params) -> list[Finding]:
    # import the module itself: under pytest, the name `checks` may resolve to this tests/checks folder
    check = importlib.import_module(f"checks.{check_id.replace('-', '_')}").CHECK
    assert check.id == check_id
    return check(a, CheckContext(as_of=as_of, params=params))


GOOD_MARKS = IdentityMarks(
    site_code="3609220011",
    site_code_source="meta",
    icp="赣ICP备11002306号-1",
    psb="赣公网安备 36092202000105号",
    badge="https://bszs.conac.cn/sitename?method=show&id=1",
    sponsor="某某县人民政府",
    contact="0795-1234567",
    site_domain="www.mmx.gov.cn",
)
