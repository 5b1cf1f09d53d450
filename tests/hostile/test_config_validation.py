"""Issue 16 item 7 (plans): type errors are refused up front with file, line and the expected type."""

from __future__ import annotations

import textwrap

import pytest
import yaml

import inspector.plan as plan_module
from inspector.plan import PlanError, load_plan


def write(tmp_path, text: str):
    path = tmp_path / "plan.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "line", "expected"),
    [
        ("politeness: {per_host_delay_s: '0.5'}\nsites: [http://127.0.0.1/]\n", 1, "expected a number"),
        ("retention_days: abc\nsites: [http://127.0.0.1/]\n", 1, "expected a whole number"),
        ("sites:\n  - url: http://127.0.0.1/\n    max_pages: '50'\n", 3, "expected a whole number"),
        ("sites:\n  - url: http://127.0.0.1/\n    ignore_robots: 'no'\n", 3, "expected true or false"),
        ("politeness: {per_host_delay: 0.5}\nsites: [http://127.0.0.1/]\n", 1, "unknown politeness setting"),
    ],
)
def test_plan_type_errors_name_file_line_and_type(tmp_path, body: str, line: int, expected: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(PlanError) as err:
        load_plan(path)
    assert str(err.value).startswith(f"{path}:line {line}: ")
    assert expected in str(err.value)


def test_plan_docstring_example_is_a_valid_plan() -> None:
    example = textwrap.dedent(plan_module.__doc__.split("\n\n", 1)[1].split("\n\nErrors name")[0])
    plan = plan_module.parse_plan(yaml.safe_load(example), yaml.compose(example))
    assert plan.politeness == {"per_host_delay_s": 0.5, "per_host_concurrency": 2}


def test_credentials_in_a_plan_url_stay_out_of_the_plan(tmp_path) -> None:
    plan = load_plan(write(tmp_path, "sites: ['http://u:pw@127.0.0.1:8080/']\n"))
    assert plan.sites[0].url == "http://127.0.0.1:8080/"
    assert plan.credentials == {"127.0.0.1:8080": ("u", "pw")}
    assert "pw" not in repr(plan)


# --- profiles (TOML) -----------------------------------------------------------------------------
ITEM = '[[item]]\nid = "D-links-home"\ncheck = "broken-links"\nrule = "home"\nseverity = "deduction"\n'


@pytest.mark.parametrize(
    ("body", "line", "expected"),
    [
        (ITEM + 'points = "lots"\n', 8, "item 'D-links-home' points: expected a number, got the string 'lots'"),
        (ITEM + "cap = [10]\n", 8, "item 'D-links-home' cap: expected a number or nothing, got a list"),
        (ITEM + "official = 1\n", 8, "item 'D-links-home' official: expected true or false, got the number 1"),
        (ITEM + "point = 2\n", 8, "item 'D-links-home': unknown key 'point' (did you mean 'points'?)"),
        (ITEM.replace("broken-links", "broken-link"), 5, "unknown check 'broken-link' (did you mean 'broken-links'?)"),
        ("[check.homepage-freshness]\nwindow_days = 7\n", 3, "unknown key or table 'check' (did you mean 'checks'?)"),
        ("[checks.homepage-fresh]\nwindow_days = 7\n", 3, "unknown check 'homepage-fresh'"),
        ("[checks.homepage-freshness]\nwindows_days = 7\n", 4, "unknown parameter 'windows_days'"),
        ("[checks.homepage-freshness]\nwindow_days = '7'\n", 4, "window_days: expected a number, got the string '7'"),
        ("[checks.blank-columns]\nplaceholder_words = '暂无'\n", 4, "expected a list of strings"),
        ('pass_line = "sixty"\n', 3, "pass_line: expected a number, got the string 'sixty'"),
        ('extra_checks = ["crawler-trap", "nope"]\n', 3, "extra_checks: unknown check 'nope'"),
        ('[[items]]\nid = "x"\n', 3, "unknown key or table 'items' (did you mean 'item'?)"),
    ],
)
def test_profile_errors_name_file_line_and_expected_type(tmp_path, body: str, line: int, expected: str) -> None:
    from inspector.profile import ProfileError, load_profile

    path = tmp_path / "mine.toml"
    path.write_text('extends = "cn-gov-2019"\nid = "mine"\n' + body, encoding="utf-8")
    with pytest.raises(ProfileError) as err:
        load_profile(str(path))
    assert str(err.value).startswith(f"{path}:line {line}: "), str(err.value)
    assert expected in str(err.value)
    assert "\n" not in str(err.value)


def test_a_valid_user_profile_still_loads(tmp_path) -> None:
    from inspector.profile import load_profile

    path = tmp_path / "mine.toml"
    path.write_text(
        'extends = "cn-gov-2019"\nid = "mine"\npass_line = 65\n[checks.availability]\nfailure_ratio = 0.1\n'
        + ITEM
        + "points = 2\ncap = 10\n",
        encoding="utf-8",
    )
    prof = load_profile(str(path))
    assert prof.pass_line == 65 and prof.params_for("availability")["failure_ratio"] == 0.1
    assert prof.item_for("broken-links", "home").points == 2


def test_the_cli_answers_a_bad_profile_with_one_line(tmp_path) -> None:
    from click.testing import CliRunner

    from inspector.cli import cli

    path = tmp_path / "mine.toml"
    path.write_text('extends = "cn-gov-2019"\nid = "mine"\n' + ITEM + 'points = "lots"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["audit", "http://127.0.0.1:9/", "--profile", str(path), "--out", str(tmp_path)])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert f"{path}:line 8: item 'D-links-home' points: expected a number" in result.output
