from __future__ import annotations

from _security_site import CLEAN, ctx, site

from checks.personal_data import CHECK


def test_pass_contact_line_and_masked_values() -> None:
    html = CLEAN.replace("</body>", "<p>申请人王某，身份证号1101**********002X，手机139****5678</p></body>")
    assert CHECK(site(html), ctx()) == []


def test_fail_one_finding_per_page_values_masked() -> None:
    html = CLEAN.replace(
        "</body>", "<p>低保公示：张三 11010519491231002X 13812345678；李四 6222020200000000006</p></body>"
    )
    [finding] = CHECK(site(CLEAN, html), ctx())
    values = [e.data["value"] for e in finding.evidence]
    assert values == ["1101**********002X", "138****5678", "6222***********0006"]
    text = " ".join(e.snippet for e in finding.evidence) + finding.message_zh
    assert "11010519491231002X" not in text and "13812345678" not in text
