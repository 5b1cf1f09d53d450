"""The hand-read truth of tests/realworld/homepage_identity.toml holds: every labelled identity field of
every real page (2018 government homepages, government articles, commercial negatives) is extracted
exactly, and no mark is reported where the truth says there is none."""

from __future__ import annotations

import pytest

from bench.identity_eval import FIELDS, load_truth, observed, read_page
from inspector.shared import realworld

TRUTH = load_truth()


def test_truth_file_is_complete():
    homepages = [p for p in TRUTH if p["set"].startswith("gov-homepages-2018-dev")]
    assert len(homepages) >= 30
    for page in TRUTH:
        for name in ("site_code", "icp", "psb", "badge", "sponsor"):
            assert page.get(name), f"{page['file']}: {name} must be labelled ('none' when absent)"
        if page["kind"] == "homepage":
            for name in ("footer", "find_errors", "search", "interaction"):
                assert page.get(name), f"{page['file']}: {name} must be labelled"


@pytest.mark.parametrize("page", TRUTH, ids=[f"{p['set'].split('/')[0]}:{p['file']}" for p in TRUTH])
def test_page_identity_matches_truth(page):
    path = realworld(page["set"]) / page["file"]
    if not path.is_file():
        pytest.skip(f"shared real-world page not available: {path} (set INSPECTOR_SHARED_DIR)")
    ours = observed(read_page(path), page["url"])
    wrong = {name: (page[name], ours[name]) for name in FIELDS if name in page and page[name] != ours[name]}
    assert not wrong, f"truth vs ours: {wrong}"
