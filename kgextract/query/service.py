"""SPARQL ``SERVICE`` makes the engine send requests to any host named in a query
and hand back the answers: from a shell where anyone may pass a query, a way to
reach hosts behind the firewall, and to exfiltrate. kgextract's own queries never
use it; a user's query that does is refused unless ``--allow-service`` says so.

The keyword is found by a small SPARQL lexer, not a substring search: ``SERVICE``
inside a string, an IRI or a comment, and ``?service``, ``ex:service`` or
``service:x`` are not the keyword. Codepoint escapes (``\\u0053ERVICE``), which
SPARQL expands before parsing, are expanded first.
"""

from __future__ import annotations

import re

from kgextract.errors import QueryError

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# What the keyword cannot be inside: strings (long ones first), IRIs, comments.
_SKIPPED = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n\r]*",
    re.DOTALL,
)
_KEYWORD = re.compile(r"(?<![\w?$:])SERVICE(?![\w:])", re.IGNORECASE)


def _unescape(text: str) -> str:
    def expand(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group()

    return _ESCAPE.sub(expand, text)


def uses_service(sparql: str) -> bool:
    """Whether the query calls ``SERVICE`` (federated query)."""
    return bool(_KEYWORD.search(_SKIPPED.sub(" ", _unescape(sparql))))


def refuse_service(sparql: str) -> None:
    """Raise a :class:`QueryError` for a query that calls ``SERVICE``."""
    if uses_service(sparql):
        raise QueryError(
            "the query calls SERVICE, which sends requests to the hosts it names; "
            "kgextract refuses it unless you pass --allow-service"
        )
