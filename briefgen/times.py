"""A site's time zone, and briefs' dates as instants and as RFC 3339 stamps (feeds, sitemap, JSON-LD).

A brief's date is a calendar day, with a time (briefgen.model.Moment) when the author gave one. A
bare day stands for its start in the site's time zone (briefgen.yaml `timezone`, UTC by default).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from briefgen.model import Moment

UTC = dt.timezone.utc


def site_zone(name: str) -> dt.tzinfo:
    """The zone of an IANA name ('Europe/Paris'); UTC for '' or a name this machine does not know
    (settings.py reports an unknown name, so a build never gets one)."""
    if not name:
        return UTC
    try:
        return zoneinfo.ZoneInfo(name)
    except (ValueError, OSError, zoneinfo.ZoneInfoNotFoundError):
        return UTC


def instant(day: dt.date, time: Moment | None, zone: dt.tzinfo) -> int:
    """When a brief came out, to order briefs by: its time, or the start of its day in the site's zone, as
    microseconds since 0001-01-01 UTC (integers: an aware datetime near year 1 overflows when compared)."""
    local, offset = (time.local, time.offset) if time is not None else \
        (dt.datetime(day.year, day.month, day.day), _offset(day, zone))
    seconds = local.toordinal() * 86_400 + local.hour * 3600 + local.minute * 60 + local.second - offset * 60
    return seconds * 1_000_000 + local.microsecond


def stamp_instant(text: str) -> int:
    """instant() of a stamp this module wrote ('2019-02-20' or RFC 3339), to find the newest of several."""
    parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    delta = parsed.utcoffset() or dt.timedelta(0)
    return instant(parsed.date(), Moment(parsed.replace(tzinfo=None), int(delta.total_seconds()) // 60), UTC)


def stamp(day: dt.date, time: Moment | None, zone: dt.tzinfo) -> str:
    """RFC 3339 date-time: the brief's own time, or the start of its day in the site's zone."""
    if time is not None:
        return time.isoformat()
    return Moment(dt.datetime(day.year, day.month, day.day), _offset(day, zone)).isoformat()


def day_or_stamp(day: dt.date, time: Moment | None) -> str:
    """'2019-02-20', or the whole RFC 3339 stamp when the time is known (sitemap lastmod, JSON-LD dates)."""
    return time.isoformat() if time is not None else day.isoformat()


def _offset(day: dt.date, zone: dt.tzinfo) -> int:
    delta = dt.datetime(day.year, day.month, day.day, tzinfo=zone).utcoffset() or dt.timedelta(0)
    return int(delta.total_seconds()) // 60
