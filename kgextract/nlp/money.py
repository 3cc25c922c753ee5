"""Money amounts with their currency, normalized to a number and an ISO 4217 code.

"13.3 billion kronor" -> 13.3e9 SEK; "$1.3 billion" -> 1.3e9 USD; the BBC corpus's
"pounds 1,400" -> 1400 GBP. Currency words and symbols come from the gazetteer's
currencies file, not from code.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from kgextract.knowledge.gazetteer import Gazetteer
from kgextract.model import Amount

_NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_SYMBOL_NUMBER = re.compile(r"^(\D+?)(\d[\d,.]*)$")  # "$1.3", "US$5", "£20"


def _currency(gazetteer: Gazetteer, text: str) -> str | None:
    return gazetteer.currency(text) or gazetteer.currency(text.lower())


def parse_amount(span: Span, gazetteer: Gazetteer) -> Amount | None:
    """The amount a MONEY span states, or None when number or currency is unclear.

    The token just before and just after the span are read too: the model often
    leaves the currency word ("pounds 1,400") outside the span.
    """
    doc = span.doc
    tokens = list(span)
    if span.start > 0:
        tokens.insert(0, doc[span.start - 1])
    if span.end < len(doc):
        tokens.append(doc[span.end])
    value = None
    currency = None
    scale = 1.0
    for token in tokens:
        text = token.text
        match = _SYMBOL_NUMBER.match(text)
        if match and _currency(gazetteer, match.group(1)):
            currency = currency or _currency(gazetteer, match.group(1))
            text = match.group(2)
        if value is None and _NUMBER.match(text):
            value = float(text.replace(",", ""))
            continue
        factor = gazetteer.scale(text.lower())
        if factor and value is not None:
            scale = factor
            continue
        if currency is None and not token.like_num:
            code = _currency(gazetteer, text)
            if code:
                currency = code
    if value is None or currency is None:
        return None
    return Amount(value=value * scale, currency=currency, text=span.text)
