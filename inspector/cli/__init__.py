"""Command line: one module per command group, all registered on ``cli``.

Exit codes: 0 every site passed; 1 a site failed (or a --fail-on gate tripped); 2 usage or
configuration error; 3 a site could not be inspected (and none failed). Errors are one line,
never a traceback (set INSPECTOR_DEBUG=1 to see one).
"""

from __future__ import annotations

import os
import sys

import click

from inspector.cli import (  # noqa: F401 — registers commands
    audit,
    catalogue,
    probe,
    programme,
    recheck,
    review,  # noqa: F401 — registers `inspector review` (issue 14)
    samplesites,
    schedule,
    stored,
    worker,
)
from inspector.cli._common import EXIT_PASS, EXIT_USAGE, UsageProblem, exit_code_for
from inspector.cli._group import cli

__all__ = ["cli", "exit_code_for", "main", "UsageProblem"]


def main() -> None:
    debug = bool(os.environ.get("INSPECTOR_DEBUG"))
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        click.echo(f"error: {exc.format_message()}", err=True)
        sys.exit(EXIT_USAGE if exc.exit_code in (1, 2) else exc.exit_code)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:
        if debug:
            raise
        click.echo(f"error: {type(exc).__name__}: {exc} (set INSPECTOR_DEBUG=1 for details)", err=True)
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_PASS)
