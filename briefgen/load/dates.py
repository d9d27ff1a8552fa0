"""Dates and times as real sites write them: YAML dates and date-times, RFC 3339, Hugo's and Jekyll's forms,
and Jekyll's date at the start of a file name.

A date keeps its time and zone when it has them: the page shows the calendar date as written, and
feeds, the sitemap and JSON-LD say the exact time (briefgen.model.Moment).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from briefgen.model import Moment

FORMS = ("a date like 2019-02-20 or a date and time like 2019-02-20T10:00:00Z, 2019-02-20 10:00 "
         "or 2015-06-29 1:00:19 -0400")
"""What messages say a date may be."""
DATE_TIME = re.compile(
    r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})"
    r"(?:(?:[Tt]|[ \t]+)(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2})(?:[.,](?P<frac>[0-9]+))?)?"
    r"(?:[ \t]*(?P<zone>[Zz]|UTC|GMT|[+-][0-9]{1,2}(?::?[0-9]{2})?))?)?")
"""Every written form the reader takes."""
DATE_TIME_SCHEMA = "^\\s*" + re.sub(r"\?P<[a-z]+>", "", DATE_TIME.pattern) + "\\s*$"
"""DATE_TIME for the published JSON Schema (ECMAScript and Python both read it): the same forms."""
_FILE_DATE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})-(.*[^-].*)")


@dataclass(frozen=True)
class When:
    """A date as the front matter gave it."""

    date: dt.date
    """The calendar day as written (in the writer's own zone)."""
    local: dt.datetime | None = None
    """The date and time as written, when a time was given."""
    offset: int | None = None
    """Minutes east of UTC, when a zone was written; None means the site's time zone."""


def parse_when(raw: object) -> When | None:
    """A YAML date or date-time, or text in one of FORMS; None for anything else (or an impossible date)."""
    if isinstance(raw, dt.datetime):
        return _from_datetime(raw)
    if isinstance(raw, dt.date):
        return When(raw)
    if not isinstance(raw, str):
        return None
    match = DATE_TIME.fullmatch(raw.strip())
    if match is None:
        return None
    try:
        day = dt.date.fromisoformat(match["date"])
        if match["hour"] is None:
            return When(day)
        fraction = (match["frac"] or "")[:6].ljust(6, "0")
        local = dt.datetime(day.year, day.month, day.day, int(match["hour"]), int(match["minute"]),
                            int(match["second"] or 0), int(fraction))
    except ValueError:
        return None
    zone = match["zone"]
    if zone is None:
        return When(day, local)
    offset = _offset(zone)
    return None if offset is None else When(day, local, offset)


def _from_datetime(value: dt.datetime) -> When:
    local = value.replace(tzinfo=None)
    delta = value.utcoffset()
    return When(value.date(), local, None if delta is None else int(delta.total_seconds()) // 60)


def _offset(zone: str) -> int | None:
    if zone in ("Z", "z", "UTC", "GMT"):
        return 0
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    hours, minutes = (int(digits[:-2] or 0), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    if hours > 23 or minutes > 59:
        return None
    return sign * (hours * 60 + minutes)


def moment(when: When | None, zone: dt.tzinfo) -> Moment | None:
    """The time of a date, its offset settled (a time with no written zone is in the site's zone)."""
    if when is None or when.local is None:
        return None
    if when.offset is not None:
        return Moment(when.local, when.offset)
    delta = when.local.replace(tzinfo=zone).utcoffset() or dt.timedelta(0)
    return Moment(when.local, int(delta.total_seconds()) // 60)


def file_name_date(stem: str) -> tuple[str, str] | None:
    """Jekyll's '2014-09-25-some-title' -> ('2014-09-25', 'some-title'); None without a real date in front."""
    match = _FILE_DATE.fullmatch(stem)
    if match is None:
        return None
    try:
        dt.date.fromisoformat(match[1])
    except ValueError:
        return None
    return match[1], match[2]
