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
