"""The database's files, checked before pyoxigraph (RocksDB) is asked to open them.

RocksDB finds its data through ``CURRENT``, a one-line file naming the live
``MANIFEST-N``, which lists the ``.sst`` data files. Without ``CURRENT`` a
read-write open does not fail: it starts a new, empty database in the same
directory, and the next open deletes the old data files as obsolete. One lost
16-byte file cost a 30-article store 29 of its articles that way (issue 15), while
writing the manifest's name back into ``CURRENT`` recovers everything. So every open
asks :func:`database_problems` first and refuses a damaged directory, and
``kgextract check --repair`` calls :func:`rewrite_current`.

Plain file work, no RocksDB: it must run on a directory RocksDB cannot open.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

CURRENT = "CURRENT"
_MANIFEST = re.compile(r"MANIFEST-(\d+)")
# Files that hold data: a directory with any of them is a database, not a new one.
_DATA_FILE = re.compile(r"\d+\.(?:sst|log|blob)|MANIFEST-\d+")


def has_data_files(database: Path) -> bool:
    try:
        return any(_DATA_FILE.fullmatch(name) for name in os.listdir(database))
    except OSError:
        return False


def manifests(database: Path) -> list[str]:
    """The MANIFEST files present, oldest first (by their number)."""
    try:
        names = [name for name in os.listdir(database) if _MANIFEST.fullmatch(name)]
    except OSError:
        return []
    return sorted(names, key=lambda name: int(_MANIFEST.fullmatch(name).group(1)))


def database_problems(database: Path) -> list[str]:
    """What keeps RocksDB from opening ``database`` with all its data, in words; an
    empty list when nothing does. A directory without data files is a new database
    (RocksDB creates it), not a damaged one."""
    name = database.name
    if not database.is_dir():
        return [f"the {name}/ database is missing"]
    current = database / CURRENT
    if not current.exists():
        if has_data_files(database):
            return [f"{name}/{CURRENT} is missing (the data files are still there)"]
        return []
    try:
        text = current.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as err:
        return [f"{name}/{CURRENT} is unreadable ({err})"]
    if not _MANIFEST.fullmatch(text):
        return [f"{name}/{CURRENT} is damaged (it names no MANIFEST file)"]
    if not (database / text).is_file():
        return [f"{name}/{CURRENT} names {text}, which is missing"]
    return []


def rewrite_current(database: Path) -> str | None:
    """Point ``CURRENT`` at the newest MANIFEST, as RocksDB itself writes it (the
    name and a newline, by a temporary file and a rename); the MANIFEST's name, or
    None when there is none to point at."""
    found = manifests(database)
    if not found:
        return None
    newest = found[-1]
    temporary = database / f"{CURRENT}.kgextract-repair"
    with open(temporary, "w", encoding="ascii") as handle:
        handle.write(newest + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, database / CURRENT)
    return newest
