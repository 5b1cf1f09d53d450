"""The root command group; each module of ``inspector.cli`` adds its commands to it."""

from __future__ import annotations

import click

from inspector import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gov-inspector")
def cli() -> None:
    """gov-inspector — inspect government websites against published rules (国办秘函〔2019〕19号 …)."""
