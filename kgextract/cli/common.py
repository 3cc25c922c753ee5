"""What every command shares: the console, one-line errors, the store and output
options, and the table printer."""

from __future__ import annotations

import functools
import json
import sys

import click

from kgextract.errors import KgExtractError

STORE_ENV = "KGEXTRACT_STORE"
DEFAULT_STORE = ".kgextract"


def console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def fail(message: str, code: int = 1) -> None:
    """One line on stderr, then exit."""
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def handle_errors(func):
    """Turn KgExtractError into a one-line error and a non-zero exit."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except KgExtractError as err:
            fail(str(err))
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except BrokenPipeError:
            quiet_closed_pipe()

    return wrapper


def quiet_closed_pipe() -> None:
    """The reader of stdout has gone (``export | head``): it has what it wanted.
    Exit 0 without a word, and point stdout at /dev/null so that Python's final
    flush does not complain either."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(0)


def _remember_timeout(ctx, param, value):
    if value is not None:
        ctx.meta["kgextract.timeout"] = value
    return value


def timeout_of() -> float | None:
    """The ``--timeout`` of the running command, if given."""
    ctx = click.get_current_context(silent=True)
    return None if ctx is None else ctx.meta.get("kgextract.timeout")


def store_option(func):
    func = click.option(
        "--timeout",
        type=click.FloatRange(min=0, min_open=True),
        envvar="KGEXTRACT_TIMEOUT",
        default=None,
        expose_value=False,
        callback=_remember_timeout,
        metavar="SECONDS",
        help="How long a remote store may stay silent before a request fails "
        "(default 300; or $KGEXTRACT_TIMEOUT).",
    )(func)
    return click.option(
        "--store",
        "store_path",
        envvar=STORE_ENV,
        default=DEFAULT_STORE,
        show_default=True,
        metavar="DIR",
        help=f"The store directory, or a SPARQL endpoint http://… (or ${STORE_ENV}).",
    )(func)


def json_option(func):
    return click.option(
        "--json", "as_json", is_flag=True, help="Print a JSON array on stdout instead."
    )(func)


def open_store(store_path: str, *, create: bool = False, read_only: bool = True):
    from kgextract.store import open_store

    return open_store(
        store_path,
        create=create,
        read_only=read_only and not create,
        timeout=timeout_of(),
    )


NARROW = 110
SECONDARY_HEADERS = frozenset(
    {"Evidence", "Via", "Hyp.", "Articles", "Object", "Hypothetical", "Negated"}
    | {"Aliases", "Source", "Id"}
)


def emit(rows, as_json: bool, columns: list[tuple[str, str]], title: str) -> None:
    """A rich table of ``columns`` (field, header), or the rows as JSON."""
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    wide_headers = ("Evidence", "Sentence", "Headline")
    terminal = console()
    table = Table(
        title=title,
        title_justify="left",
        expand=terminal.width >= 120 and any(h in wide_headers for _, h in columns),
    )
    # A column empty in every row would only take width from the others, and on a
    # narrow terminal the secondary ones go (--json always has every field).
    shown = [c for c in columns if any(cell(row.get(c[0])) for row in rows)]
    if terminal.width < NARROW:
        shown = [c for c in shown if c[1] not in SECONDARY_HEADERS]
    columns = shown or columns
    for _, header in columns:
        wide = header in wide_headers
        table.add_column(header, overflow="fold", ratio=2 if wide else None)
    for row in rows:
        table.add_row(*(cell(row.get(field)) for field, _ in columns))
    if rows:
        terminal.print(table)
    else:
        terminal.print(f"{title}: nothing found.")


def human_number(value: float) -> str:
    """13300000000.0 -> "13.3bn": how news writes money, for tables only."""
    for factor, unit in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(value) >= factor:
            return f"{value / factor:,.4g}{unit}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(v) for v in value)
    if isinstance(value, dict):
        if "value" in value and "currency" in value:
            return f"{human_number(value['value'])} {value['currency']}"
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
    return str(value)


def snippet(sentence: str, word: str, width: int = 80) -> str:
    """A window of the sentence around ``word`` (a verb's lemma), for narrow tables."""
    if len(sentence) <= width:
        return sentence
    at = sentence.lower().find(word[: max(3, len(word) - 2)].lower()) if word else -1
    start = max(0, min(at - width // 3, len(sentence) - width)) if at >= 0 else 0
    end = start + width
    if start > 0 and " " in sentence[start : start + 15]:
        start = sentence.index(" ", start) + 1  # whole words only
    if end < len(sentence) and " " in sentence[end - 15 : end]:
        end = sentence.rindex(" ", 0, end)
    text = sentence[start:end].strip()
    return ("…" if start > 0 else "") + text + ("…" if end < len(sentence) else "")
