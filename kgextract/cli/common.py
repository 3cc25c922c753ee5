"""What every command shares: the console, one-line errors, the store and output
options, and the table printer."""

from __future__ import annotations

import contextlib
import functools
import json
import sys

import click

from kgextract.errors import KgExtractError

STORE_ENV = "KGEXTRACT_STORE"
DEFAULT_STORE = ".kgextract"


def console(stderr: bool = False, width: int | None = None):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False, width=width)


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


def checked_date(value: str | None) -> str | None:
    """A date option as the user wrote it, once it is known to be one: "2005"
    stays a year (the articles say no more), refused in one line when it is no
    date."""
    from kgextract.errors import QueryError
    from kgextract.query.named import date_range

    if value is None:
        return None
    try:
        date_range(value)
    except QueryError as error:
        raise click.BadParameter(str(error).replace("since: ", "")) from None
    return value.strip()


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


def json_option(func=None, *, one_object: bool = False):
    """``--json``; its help says what is printed: an array of rows, or one object."""
    what = "one JSON object" if one_object else "a JSON array (one object per row)"

    def decorate(func):
        return click.option(
            "--json", "as_json", is_flag=True, help=f"Print {what} on stdout instead."
        )(func)

    return decorate(func) if func is not None else decorate


OUTPUTS = {
    "json": "a JSON array (one object per row, every field)",
    "nl": "newline-delimited JSON: one object per line",
    "csv": "CSV with a header row, every field",
    "tsv": "tab-separated values with a header row, every field",
}


def output_options(*, dates: bool = True, json_help: str | None = None):
    """The options every query shares, as in sqlite-utils and datasette: the
    output format, ``--limit``, ``--wide``, and ``--since``/``--until``."""

    def decorate(func):
        described = {**OUTPUTS, **({"json": json_help} if json_help else {})}
        options = [
            click.option(
                f"--{name}",
                "output",
                flag_value=name,
                help=f"Print {what} on stdout instead of a table.",
            )
            for name, what in described.items()
        ]
        options += [
            click.option(
                "--limit",
                type=click.IntRange(min=0),
                default=None,
                metavar="N",
                help="At most N rows (the first N in the listed order).",
            ),
            click.option(
                "--wide",
                is_flag=True,
                help="Every column, unwrapped and uncut, even on a narrow terminal "
                "(piped output always has them).",
            ),
        ]
        if dates:
            options += [
                click.option(
                    "--since",
                    metavar="DATE",
                    help="Only what happened on or after DATE (YYYY, YYYY-MM or "
                    "YYYY-MM-DD): an event's own date, else its article's.",
                ),
                click.option(
                    "--until",
                    metavar="DATE",
                    help="Only what happened on or before DATE (a month or year runs "
                    "to its last day).",
                ),
            ]
        for option in reversed(options):
            func = option(func)
        return func

    return decorate


class Bar:
    """A progress bar's handle: :meth:`start` with the total, :meth:`update`
    with how much is done."""

    def __init__(self, progress, task) -> None:
        self.progress = progress
        self.task = task
        self.total: int | None = None

    def start(self, total: int | None) -> None:
        self.total = total
        self.progress.update(self.task, total=total)

    def update(self, done: int, description: str | None = None) -> None:
        if self.total is not None and done > self.total:
            self.total = done  # the estimate was short: grow, never pass 100 %
            self.progress.update(self.task, total=done)
        fields = {"description": description} if description else {}
        self.progress.update(self.task, completed=done, **fields)

    def finish(self) -> None:
        task = self.progress.tasks[self.task]
        if task.total is not None:
            self.progress.update(self.task, completed=task.total)


@contextlib.contextmanager
def progress_bar(description: str, *, quiet: bool = False):
    """A rich progress bar on stderr (total, percentage, ETA), or None when stderr
    is not a terminal (piped, redirected, CI) or ``quiet``: a log file gets no
    bar."""
    err = console(stderr=True)
    if quiet or not err.is_terminal:
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        MofNCompleteColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=err,
    ) as progress:
        bar = Bar(progress, progress.add_task(description, total=None))
        yield bar
        bar.finish()


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
    | {"Aliases", "Source", "Id", "Chars", "Seconds", "Replaced"}
) - {"Evidence"}
# Columns of running text: they take the width that is left and wrap at words.
TEXT_HEADERS = frozenset({"Evidence", "Sentence", "Headline", "Paths", "Why", "Object"})
MIN_TEXT_WIDTH = 24
MAX_NAME_WIDTH = 22


def emit(
    rows,
    output: str | None,
    columns: list[tuple[str, str]],
    title: str,
    *,
    limit: int | None = None,
    wide: bool = False,
    shorten: dict | None = None,
) -> None:
    """The rows as a rich table of ``columns`` (field, header), or in ``output``
    (json, nl, csv, tsv) with every field.

    A table on a terminal narrower than :data:`NARROW` keeps the essential
    columns; names wrap between words, never letter by letter, and running text
    takes the width left, shortened by ``shorten`` (field -> function of the row
    and a width in characters).
    Piped, or with ``wide``, the table has every column, unwrapped.
    """
    rows = list(rows)[:limit] if limit is not None else list(rows)
    if output is None:
        table(rows, columns, title, wide=wide, shorten=shorten or {})
    else:
        write_rows(rows, output, [field for field, _ in columns])


def write_rows(rows: list[dict], output: str, fields: list[str]) -> None:
    """JSON, newline-delimited JSON, CSV or TSV on stdout."""
    if output == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if output == "nl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    import csv
    import io

    names = list(dict.fromkeys(key for row in rows for key in row)) or fields
    buffer = io.StringIO()
    writer = csv.writer(
        buffer, dialect="excel-tab" if output == "tsv" else "excel", lineterminator="\n"
    )
    writer.writerow(names)
    for row in rows:
        writer.writerow([flat(row.get(name)) for name in names])
    click.echo(buffer.getvalue(), nl=False)


def flat(value) -> str:
    """One CSV cell: lists of plain values joined by "; ", anything nested as
    compact JSON, booleans as true/false, None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        if all(not isinstance(v, (dict, list, tuple)) for v in value):
            return "; ".join(flat(v) for v in value)
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def table(
    rows: list[dict],
    columns: list[tuple[str, str]],
    title: str,
    *,
    wide: bool = False,
    shorten: dict | None = None,
) -> None:
    from rich import box
    from rich.table import Table

    terminal = console()
    full = wide or not terminal.is_terminal
    if not rows:
        terminal.print(f"{title}: nothing found.")
        return
    # A column empty in every row would only take width from the others.
    shown = [c for c in columns if any(cell(row.get(c[0])) for row in rows)]
    if not full and terminal.width < NARROW:
        shown = [c for c in shown if c[1] not in SECONDARY_HEADERS]
    columns = shown or columns
    shorten = {} if full else (shorten or {})

    def make_cells(text_width: int) -> list[list[str]]:
        return [
            [
                shorten[field](row, text_width)
                if field in shorten
                else cell(row.get(field))
                for field, _ in columns
            ]
            for row in rows
        ]

    cells = make_cells(80)
    table = Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    if full:
        for _, header in columns:
            table.add_column(header, no_wrap=True)
        for values in cells:
            table.add_row(*values)
        from rich.measure import Measurement

        unbounded = terminal.options.update_width(100_000)
        width = Measurement.get(terminal, unbounded, table).maximum
        console(width=max(width, len(title), 20)).print(table)
        return
    headers = [header for _, header in columns]
    widths = column_widths(headers, cells, terminal.width)
    shortened = [w for (f, _), w in zip(columns, widths, strict=True) if f in shorten]
    if shortened and 0 < min(shortened) < 40:  # two lines of the text column
        cells = make_cells(2 * min(shortened))
        widths = column_widths(headers, cells, terminal.width)
    kept = [index for index, width in enumerate(widths) if width]
    for index in kept:
        table.add_column(headers[index], width=widths[index], overflow="fold")
    for values in cells:
        table.add_row(*(values[index] for index in kept))
    terminal.print(table)


GAP = 3  # between two columns: a separator and a space of padding on each side


def column_widths(headers: list[str], cells: list[list[str]], width: int) -> list[int]:
    """Each column's width on a terminal ``width`` wide; 0 drops a column.

    A name column gets its longest value if there is room, and never less than its
    longest word, so names wrap between words, not letter by letter; running text
    (:data:`TEXT_HEADERS`) takes what is left, at least :data:`MIN_TEXT_WIDTH` or a
    third of the terminal.
    When even that does not fit, columns go from the right, the first two stay.
    """
    count = len(headers)
    least_text = max(MIN_TEXT_WIDTH, width // 3)  # a wider terminal: more sentence
    natural, minimum = [], []
    for index, header in enumerate(headers):
        values = [row[index] for row in cells]
        words = max((len(w) for v in values for w in v.split()), default=1)
        if header in TEXT_HEADERS:
            longest = max((len(v) for v in values), default=1)
            natural.append(max(len(header), longest))
            minimum.append(min(max(len(header), least_text), natural[-1]))
        else:
            natural.append(max(len(header), min(max(map(len, values)), MAX_NAME_WIDTH)))
            minimum.append(min(max(len(header), words), MAX_NAME_WIDTH))
    kept = list(range(count))
    while True:
        available = width - GAP * (len(kept) - 1)
        if sum(minimum[i] for i in kept) <= available or len(kept) <= 2:
            break
        droppable = [i for i in kept[2:] if headers[i] not in TEXT_HEADERS]
        kept.remove(droppable[-1] if droppable else kept[-1])
    widths = [0] * count
    for index in kept:
        widths[index] = natural[index]
    text = [i for i in kept if headers[i] in TEXT_HEADERS]
    fixed = [i for i in kept if i not in text]
    # Shrink the widest name column first until the text has its minimum.
    budget = available - sum(minimum[i] for i in text)
    while sum(widths[i] for i in fixed) > budget:
        shrinkable = [i for i in fixed if widths[i] > minimum[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i] - minimum[i])
        widths[widest] -= 1
    left = available - sum(widths[i] for i in fixed)
    for position, index in enumerate(text):
        share = left // (len(text) - position)
        widths[index] = max(min(natural[index], share), 1)
        left -= widths[index]
    return widths


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
