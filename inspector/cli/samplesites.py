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
@click.option(
    "--port", type=int, default=0, help="Port of the portal; the board, complaints and a refused port follow."
)
@click.option(
    "--param", "params", multiple=True, help="Scenario parameter key=value (repeatable), e.g. stale_home=false."
)
def sample_serve(scenario: str, port: int, params: tuple[str, ...]) -> None:
    """Serve a scenario's sites on 127.0.0.1 until Ctrl-C.

    \b
    The controllable clock: the sites do not read the machine's time. Their "today" (header date,
    the clerk's answers, complaint steps 受理/转办/办结, dates that follow the visit) is a simulated
    clock that starts at the scenario's `today` (2026-11-16T10:00 unless --param today=…) and
    does not tick by itself. Move it from the same machine:
      curl -X POST http://127.0.0.1:PORT/_sim/clock -d '{"advance_days": 3}'
      curl -X POST http://127.0.0.1:PORT/_sim/clock -d '{"set": "2026-12-01T09:00"}'
      curl http://127.0.0.1:PORT/_sim/clock        # what the sites think it is now
    Audit with `--as-of` the same day. /_sim/manifest lists the planted defects (ground truth).

    \b
    Planted defects are parameters: serve the same scenario again on the same --port with the
    defect switched off (e.g. --param stale_news_policy=0) to play an agency that fixed it.
    """
    import errno

    from inspector.samplesites import list_scenarios, serve_forever

    if scenario not in dict(list_scenarios()):
        raise UsageProblem(f"unknown scenario {scenario!r}; `inspector sample-sites list` shows them")
    values = _params(params)
    busy = _busy_ports(port) if port else []
    if busy:
        raise UsageProblem(_port_message(port, busy))
    try:
        serve_forever(scenario, port, values)
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        raise UsageProblem(_port_message(port, [])) from None


@sample_sites.command("manifest")
@click.option("--scenario", default="clean", show_default=True)
def sample_manifest(scenario: str) -> None:
    from inspector.samplesites import list_scenarios, manifest_for

    if scenario not in dict(list_scenarios()):
        raise UsageProblem(f"unknown scenario {scenario!r}; `inspector sample-sites list` shows them")
    click.echo(json.dumps(manifest_for(scenario), ensure_ascii=False, indent=2))


def _port_message(port: int, busy: list[int]) -> str:
    which = ", ".join(str(b) for b in busy) or (str(port) if port else "?")
    need = f"{port}-{port + 3}" if port else "four ports"
    return (
        f"port {which} on 127.0.0.1 is already in use (the sample sites need {need}: portal, board, complaints "
        "and a refused port): stop what is listening there or choose another --port"
    )


def _busy_ports(first: int) -> list[int]:
    import socket

    busy = []
    for p in range(first, first + 4):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", p))
            except OSError:
                busy.append(p)
    return busy


def _params(pairs: tuple[str, ...]) -> dict[str, object]:
    from inspector.samplesites import parse_param_args

    try:
        return parse_param_args(list(pairs))
    except (KeyError, ValueError) as exc:
        raise UsageProblem(str(exc).strip('"')) from None
