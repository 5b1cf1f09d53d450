"""write_reports: every requested format lands in the folder, with stable names."""

from __future__ import annotations

import json

import pytest

from inspector.report import ReportError, batch_from_json, site_slug, write_reports


def test_site_slug():
    assert site_slug("http://www.example-county.gov.cn/") == "www-example-county-gov-cn"
    assert site_slug("https://www.gov.cn:8443/zhengce/") == "www-gov-cn-8443-zhengce"
    assert site_slug("javascript:alert(1)") == "javascript-alert-1"
    assert site_slug("") == "site"


def test_write_all_formats(tmp_path, failing, passing, unreachable):
    formats = {"html", "json", "pdf", "junit", "csv", "xlsx"}
    written = write_reports([failing, passing, unreachable], tmp_path, formats, lang="zh", templates=None)
    names = set(written)
    assert {
        "index.html",
        "verdicts.json",
        "junit.xml",
        "summary.csv",
        "findings.csv",
        "inspection.xlsx",
        "www-example-county-gov-cn.html",
        "www-example-county-gov-cn.json",
        "www-example-county-gov-cn.pdf",
        "down-gov-cn.html",
    } <= names
    for path in written.values():
        assert path.is_file() and path.stat().st_size > 0
    assert 'href="www-example-county-gov-cn.html"' in written["index.html"].read_text(encoding="utf-8")
    back = batch_from_json(json.loads(written["verdicts.json"].read_text(encoding="utf-8")))
    assert [v.site for v in back] == [failing.site, passing.site, unreachable.site]


def test_verdicts_json_is_always_written(tmp_path, failing):
    assert set(write_reports([failing], tmp_path, set(), lang="zh", templates=None)) == {"verdicts.json"}


def test_same_host_sites_get_distinct_files(tmp_path, failing, passing):
    passing.site = failing.site.replace("http:", "https:")
    written = write_reports([failing, passing], tmp_path, {"html"}, lang="zh", templates=None)
    assert "www-example-county-gov-cn-2.html" in written


def test_unknown_format(tmp_path, failing):
    with pytest.raises(ReportError, match="unknown report format"):
        write_reports([failing], tmp_path, {"docx"}, lang="zh", templates=None)
