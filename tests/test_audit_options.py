"""How audit options reach the crawler: rendering policy, politeness overrides, the plan's site budget."""

import pytest

from inspector.audit import AuditOptions, make_fetcher
from inspector.gather.site import crawl_settings
from inspector.plan import PlanError, parse_plan
from inspector.profile import load_profile
from inspector.settings import MAX_PAGES


def _options(**kw):
    return AuditOptions(profile=load_profile("cn-gov-2019"), **kw)


def test_render_always_renders_the_audited_hosts_never_turns_auto_render_off():
    f = make_fetcher(_options(render="always"), ["http://WWW.Example.gov.cn:8080/", "https://b.gov.cn/x"])
    assert f.settings.render_hosts == ["www.example.gov.cn:8080", "b.gov.cn"]
    assert make_fetcher(_options(render="never")).settings.auto_render is False
    assert make_fetcher(_options()).settings.auto_render is True


def test_plan_politeness_and_site_budget_override_defaults():
    with pytest.raises(PlanError, match="unknown politeness setting 'not_a_setting'"):
        parse_plan({"politeness": {"not_a_setting": 3}, "sites": ["https://www.example.gov.cn/"]})
    plan = parse_plan(
        {
            "politeness": {"per_host_delay_s": 1.5},
            "sites": [{"url": "https://www.example.gov.cn/", "max_pages": 40, "ignore_robots": True}],
        }
    )
    options = _options(plan=plan, max_pages=150, fetch_settings={"user_agent": "team-x"})
    s = crawl_settings(options, plan.sites[0])
    assert (s.per_host_delay_s, s.max_pages, s.ignore_robots, s.user_agent) == (1.5, 40, True, "team-x")
    assert crawl_settings(options).max_pages == 150  # the run option, where the site entry sets none
    assert crawl_settings(_options()).max_pages == MAX_PAGES  # one default, inspector.settings
