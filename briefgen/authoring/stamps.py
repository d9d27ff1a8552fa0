"""Dates as Hugo, Jekyll and Eleventy posts give them -> the form a brief's front matter takes.

A date-time is written in RFC 3339 (`2015-06-29T01:00:19-04:00`), which YAML reads as a
timestamp: briefgen takes its day, and keeps the time and zone wherever it shows them. A date
alone is written `2015-06-29`. Accepted: YAML and TOML dates and date-times, ISO 8601 and RFC
3339 text, Hugo's and Jekyll's `2015-06-29 1:00:19 -0400` (also with a zone name after it),
and written-out dates such as `February 20, 2019`.
"""

from __future__ import annotations

import datetime as dt
import re

_STAMP = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:(?:[Tt]|\s+)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d+))?)?)?"
    r"\s*(?P<z>[Zz]|[+-]\d{2}(?::?\d{2})?)?"
    r"(?:\s+\(?[A-Z]{2,5}\)?)?")
"""ISO 8601 / RFC 3339, and the `2015-06-29 1:00:19 -0400 EDT` of Hugo, Jekyll and Go's default format."""
_WRITTEN = ("%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%A, %B %d, %Y")
FILE_NAME_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)$")
"""Jekyll's (and Eleventy's) post file name: 2014-09-25-the-title."""


def brief_date(value: object) -> str:
    """The value as a brief's date (RFC 3339 or YYYY-MM-DD), or '' when it is not a date."""
    if isinstance(value, dt.datetime):
        return _rfc3339(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return ""
    text = " ".join(value.split())
    match = _STAMP.fullmatch(text)
    if match:
        return _from_match(match)
    for form in _WRITTEN:
        try:
            return dt.datetime.strptime(text, form).date().isoformat()
        except ValueError:
            continue
    return ""


def date_from_file_name(name: str) -> tuple[str, str]:
    """('2014-09-25', 'the-title') from '2014-09-25-the-title', or ('', name) when it carries no good date."""
    match = FILE_NAME_DATE.match(name)
    if match and brief_date(match.group(1)):
        return match.group(1), match.group(2)
    return "", name


def _from_match(match: re.Match[str]) -> str:
    try:
        day = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        if match["H"] is None:
            return day.isoformat()
        fraction = (match["f"] or "")[:6].ljust(6, "0")
        moment = dt.datetime(day.year, day.month, day.day, int(match["H"]), int(match["M"]), int(match["S"] or 0),
                             int(fraction))
    except ValueError:
        return ""
    zone = match["z"]
    if zone:
        if zone in "Zz":
            moment = moment.replace(tzinfo=dt.timezone.utc)
        else:
            digits = zone[1:].replace(":", "")
            hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
            if hours > 23 or minutes > 59:
                return ""
            offset = dt.timedelta(hours=hours, minutes=minutes)
            moment = moment.replace(tzinfo=dt.timezone(offset if zone[0] == "+" else -offset))
    return _rfc3339(moment)


def _rfc3339(moment: dt.datetime) -> str:
    text = moment.isoformat(timespec="microseconds" if moment.microsecond else "seconds")
    return text[:-6] + "Z" if text.endswith("+00:00") else text
