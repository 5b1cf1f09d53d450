"""Simulated Chinese government websites with planted defects and ground truth (issue 3).

    from inspector.samplesites import list_scenarios, serve_scenario, manifest_for
    with serve_scenario("clean") as world:
        world.urls["portal"]; world.clock.advance(days=3); world.manifest(); world.stats()

The CLI (`inspector sample-sites list|serve|manifest`) wraps list_scenarios, serve_forever and
manifest_for.
"""

from __future__ import annotations

from .clock import SimClock
from .manifest import build_manifest
from .scenarios import BASE_PARAMS, list_scenarios, parse_param_args
from .world import World, manifest_for, serve_forever, serve_scenario

__all__ = [
    "BASE_PARAMS",
    "SimClock",
    "World",
    "build_manifest",
    "list_scenarios",
    "manifest_for",
    "parse_param_args",
    "serve_forever",
    "serve_scenario",
]
