from datetime import datetime

import pytest

from checks.message_statistics import CHECK
from inspector.check import CheckContext, NotApplicable
from inspector.extract.messages import parse_statistics
from inspector.model import MessageBoard, SiteArtifacts

AS_OF = datetime(2026, 11, 16, 10, 0)
FRESH = "2026年共收到留言1,234条，已答复1,200条，答复率97.2%，平均办理时长6.5个工作日。统计截止：2026年10月31日"
STALE = "累计收到来信 88 封，已办结 80 件，办结率 90.9%。数据更新时间：2026-06-30"


def site(stats_text: str | None) -> SiteArtifacts:
    stats = parse_statistics(stats_text) if stats_text else None
    return SiteArtifacts(site="http://s/", as_of=AS_OF, boards=[MessageBoard("咨询", "http://s/zx", stats=stats)])


def test_parse_statistics_fields():
    s = parse_statistics(FRESH)
    assert s and (s["received"], s["answered"], s["rate"], s["avg_days"], s["avg_unit"], s["as_of"]) == (
        1234,
        1200,
        97.2,
        6.5,
        "working_days",
        "2026-10-31",
    )
    assert parse_statistics("欢迎访问本站") is None


def test_pass_recent_statistics():
    assert CHECK(site(FRESH), CheckContext(AS_OF)) == []


def test_fail_stale_and_missing():
    [stale] = CHECK(site(STALE), CheckContext(AS_OF))
    assert stale.rule == "stale" and "139" in stale.message_zh
    [missing] = CHECK(site(None), CheckContext(AS_OF))
    assert missing.rule == "missing" and missing.level == "fail"


def test_undated_is_info():
    [f] = CHECK(site("共收到留言 10 条，已答复 9 条"), CheckContext(AS_OF))
    assert f.level == "info"


def test_not_judged_without_boards():
    with pytest.raises(NotApplicable):
        CHECK(SiteArtifacts(site="http://s/", as_of=AS_OF), CheckContext(AS_OF))
