"""Publication dates from feeds, JSON and pages, normalized to ISO 8601 or refused.

The graph types a date as xsd:date or xsd:dateTime, so a string that is not one must not
get through: an unparseable date becomes None, not an error, because an article without
a date is still an article.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)

# RFC 822 dates ("Wed, 31 Jan 2018 07:26:05 GMT"), also in the languages feeds are
# written in: the UOL feed says "Seg, 24 Set 2018 19:42:40 -0300".
_RFC822 = re.compile(
    r"(?:[^\W\d]+\.?,?\s+)?(\d{1,2})\.?\s+([^\W\d]+)\.?\s+(\d{4})"
    r"(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([+-]\d{4}|[A-Za-z]{1,5})?"
)
_MONTHS = {
    # English, Portuguese, Spanish, French, German, Italian, Dutch (first 3 letters)
    **dict.fromkeys(["jan", "ene", "gen", "janv", "jän"], 1),
    **dict.fromkeys(["feb", "fev", "fév", "févr"], 2),
    **dict.fromkeys(["mar", "mär", "mrt"], 3),
    **dict.fromkeys(["apr", "abr", "avr"], 4),
    **dict.fromkeys(["may", "mai", "mag", "mei"], 5),
    **dict.fromkeys(["jun", "juin", "giu"], 6),
    **dict.fromkeys(["jul", "juil", "lug"], 7),
    **dict.fromkeys(["aug", "ago", "aoû", "aou"], 8),
    **dict.fromkeys(["sep", "set", "sept"], 9),
    **dict.fromkeys(["oct", "out", "okt", "ott"], 10),
    **dict.fromkeys(["nov"], 11),
    **dict.fromkeys(["dec", "dez", "dic", "déc"], 12),
}
_ZONES = {"GMT": 0, "UT": 0, "UTC": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6}
_ZONES |= {"CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7}


def iso_date(value: object) -> str | None:
    """``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM:SS[±HH:MM]``; None when it is not a date."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        if match := _ISO.match(text):
            return _from_iso(match)
        if match := _RFC822.fullmatch(text):
            return _from_rfc822(match)
    except ValueError:  # 2019-02-30, hour 25: not a date
        return None
    return None


def _from_iso(match: re.Match[str]) -> str:
    year, month, day, hour, minute, second, zone = match.groups()
    moment = datetime(int(year), int(month), int(day))
    if hour is None:
        return moment.date().isoformat()
    moment = moment.replace(hour=int(hour), minute=int(minute), second=int(second or 0))
    return moment.isoformat() + _offset(zone)


def _from_rfc822(match: re.Match[str]) -> str | None:
    day, month_name, year, hour, minute, second, zone = match.groups()
    month = _MONTHS.get(month_name.lower()[:4]) or _MONTHS.get(month_name.lower()[:3])
    if month is None:
        return None
    moment = datetime(int(year), month, int(day))
    if hour is None:
        return moment.date().isoformat()
    moment = moment.replace(hour=int(hour), minute=int(minute), second=int(second or 0))
    if zone and zone.upper() in _ZONES:
        return moment.isoformat() + _offset_hours(_ZONES[zone.upper()])
    return moment.isoformat() + _offset(zone)


def _offset(zone: str | None) -> str:
    if not zone or zone[0] not in "+-":
        return "Z" if zone == "Z" else ""
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 23 or minutes > 59:
        raise ValueError(zone)
    delta = timedelta(hours=hours, minutes=minutes)
    tz = timezone(delta if zone[0] == "+" else -delta)
    return datetime(2000, 1, 1, tzinfo=tz).isoformat()[19:]


def _offset_hours(hours: int) -> str:
    if hours == 0:
        return "Z"
    return datetime(2000, 1, 1, tzinfo=timezone(timedelta(hours=hours))).isoformat()[
        19:
    ]
