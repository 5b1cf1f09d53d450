"""`inspector sample-sites list|serve|manifest`: the bundled simulated government sites."""

from __future__ import annotations

import json

import click

from inspector.cli._common import (
    UsageProblem,
)
from inspector.cli._group import cli


@cli.group("sample-sites")
def sample_sites() -> None:
    """The bundled simulated government sites with planted defects."""


@sample_sites.command("list")
def sample_list() -> None:
    from inspector.samplesites import list_scenarios

    for name, desc in list_scenarios():
        click.echo(f"{name:18} {desc}")


@sample_sites.command("serve")
@click.option("--scenario", default="clean", show_default=True)
@click.option("--port", type=int, default=0, help="Port of the portal (others follow).")
@click.option("--param", "params", multiple=True, help="Scenario parameter key=value (repeatable).")
def sample_serve(scenario: str, port: int, params: tuple[str, ...]) -> None:
    from inspector.samplesites import list_scenarios, serve_forever

    if scenario not in dict(list_scenarios()):
        raise UsageProblem(f"unknown scenario {scenario!r}; `inspector sample-sites list` shows them")
    serve_forever(scenario, port, _params(params))


@sample_sites.command("manifest")
@click.option("--scenario", default="clean", show_default=True)
def sample_manifest(scenario: str) -> None:
    from inspector.samplesites import list_scenarios, manifest_for

    if scenario not in dict(list_scenarios()):
        raise UsageProblem(f"unknown scenario {scenario!r}; `inspector sample-sites list` shows them")
    click.echo(json.dumps(manifest_for(scenario), ensure_ascii=False, indent=2))


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for p in pairs:
        if "=" not in p:
            raise UsageProblem(f"--param needs key=value (got {p!r})")
        k, v = p.split("=", 1)
        out[k.strip()] = v.strip()
    return out
