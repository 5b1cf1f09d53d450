"""Serious-misstatement dictionary: every entry is a regression case, guards keep correct forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspector.extract.security.misstatements import find_misstatements, load_misstatements

REGRESSION = [
    ("中国入民", "中国人民"),
    ("烈土", "烈士"),
    ("人民代表大人", "人民代表大会"),
    ("人民代表大常", "人民代表大会"),
    ("党十九大", "党的十九大"),
    ("党十八大", "党的十八大"),
    ("党二十大", "党的二十大"),
    ("习近乎", "习近平"),
    ("中华人民共合国", "中华人民共和国"),
    ("中华人民共和囯", "中华人民共和国"),
    ("中国共产觉", "中国共产党"),
    ("社会主议", "社会主义"),
    ("国务院总里", "国务院总理"),
    ("全国人大常委员会", "全国人大常委会"),
    ("不忘初衷、牢记使命", "不忘初心、牢记使命"),
    ("两学一作", "两学一做"),
    ("中国特社会主义", "中国特色社会主义"),
    ("人民政付", "人民政府"),
    ("中央政冶局", "中央政治局"),
]


@pytest.mark.parametrize(("wrong", "right"), REGRESSION)
def test_each_entry_found_with_correction(wrong: str, right: str) -> None:
    [hit] = find_misstatements(f"会议指出，{wrong}要求各单位认真落实。")
    assert (hit["wrong"], hit["right"]) == (wrong, right)


def test_dictionary_is_pinned() -> None:
    assert {(m.wrong, m.right) for m in load_misstatements()} == set(REGRESSION)


@pytest.mark.parametrize(
    "text", ["中国人民", "革命烈士", "人民代表大会", "党的十九大", "中国共产党十九大代表", "中共十九大", "壮烈土地"]
)
def test_correct_forms_pass(text: str) -> None:
    assert find_misstatements(text) == []


def test_custom_dictionary_and_bad_file(tmp_path: Path) -> None:
    p = tmp_path / "m.toml"
    p.write_text('[[entry]]\nwrong = "县人民政付"\nright = "县人民政府"\n', encoding="utf-8")
    assert find_misstatements("某县人民政付通知", load_misstatements(p))[0]["right"] == "县人民政府"
    p.write_text('[[entry]]\nwrong = "x"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="needs 'wrong' and 'right'"):
        load_misstatements(p)
