"""The command line: parse options, call one library function, print the result.

Data goes to stdout (a rich table, or JSON with ``--json``); progress and errors go to
stderr. Errors are one line, never a traceback. ``query`` and ``export`` do not import
spaCy, so they start fast. Each command lives in the module of its kind; importing
them here registers them on :data:`cli`.
"""

from __future__ import annotations

import os

from kgextract.cli import (  # noqa: F401 - importing a module registers its commands
    evaluate,
    export,
    info,
    ingest,
    query,
    viz,
)
from kgextract.cli.app import cli
from kgextract.cli.common import fail
from kgextract.errors import KgExtractError

__all__ = ["cli", "main"]


def main() -> None:
    """Entry point: a user's mistake is one line; a bug, one line and a hint."""
    if os.environ.get("KGEXTRACT_DEBUG"):
        cli()
        return
    try:
        cli()
    except KgExtractError as err:
        fail(str(err))
    except Exception as err:  # noqa: BLE001 - a bug still must not print a traceback
        fail(
            f"internal error: {type(err).__name__}: {err} "
            "(run again with KGEXTRACT_DEBUG=1 for the traceback, and report it)",
            2,
        )
