"""The command line: parse options, call one library function, print the result.

Data goes to stdout (a rich table, or JSON with ``--json``); progress and errors go to
stderr. Errors are one line, never a traceback. ``query`` and ``export`` do not import
spaCy, so they start fast. Each command lives in the module of its kind; importing
them here registers them on :data:`cli`.
"""

from __future__ import annotations

import os

from kgextract.cli import (  # noqa: F401 - importing a module registers its commands
    check,
    evaluate,
    explain,
    export,
    info,
    ingest,
    query,
    viz,
)
from kgextract.cli.app import cli
from kgextract.cli.common import fail, quiet_closed_pipe
from kgextract.errors import KgExtractError

__all__ = ["cli", "main"]


# Exit codes: what a script can tell apart (README, "Using it").
EXIT_ERROR = 1  # the data, the store or the environment: the message says what
EXIT_USAGE = 2  # the command line (click's usage errors)
EXIT_BUG = 3  # an internal error: a bug to report


def main() -> None:
    """Entry point: a user's mistake is one line; a bug, one line and a hint."""
    if os.environ.get("KGEXTRACT_DEBUG"):
        cli()
        return
    try:
        cli()
    except KgExtractError as err:
        fail(str(err), EXIT_ERROR)
    except BrokenPipeError:
        quiet_closed_pipe()
    except Exception as err:  # noqa: BLE001 - a bug still must not print a traceback
        message = " ".join(f"{type(err).__name__}: {err}".split())
        fail(
            f"internal error: {message:.300} (run again with KGEXTRACT_DEBUG=1 for "
            "the traceback, and report it)",
            EXIT_BUG,
        )
