"""Dates as pages show them, in the site's date_format (briefgen/date_format.py)."""

from __future__ import annotations

import datetime as dt
import re

from briefgen.date_format import default_format, format_day
from briefgen.model import SiteConfig

_DAY = re.compile(r"%-?d(?:日|일)?[-./]|[-./]?%-?d(?:日|일)?")
"""A day directive, with the separator or the CJK day mark that belongs to it."""


def format_date(value: dt.date, config: SiteConfig) -> str:
    """A brief's date as the site writes dates: '20 February 2019' unless the site says otherwise."""
    return format_day(value, config.date_format or default_format(config.language), config.month_names)


def format_loose_date(value: str, config: SiteConfig) -> str:
    """A source's date as written ('2019', '2019-02', '2019-02-19') in the same style as brief dates."""
    try:
        return format_date(dt.date.fromisoformat(value), config)
    except ValueError:
        pass
    try:
        month = dt.datetime.strptime(value, "%Y-%m")
    except ValueError:
        return value
    return format_day(month.date(), _without_day(config.date_format or default_format(config.language)),
                      config.month_names)


def _without_day(pattern: str) -> str:
    """The site's pattern for a month alone: '%-d %B %Y' -> '%B %Y', '%Y-%m-%d' -> '%Y-%m'."""
    words = pattern.split()
    kept = [word for word in words if not _DAY.search(word)]
    if kept and len(kept) < len(words):
        return " ".join(kept).rstrip(" ,")
    return _DAY.sub("", pattern, count=1).strip(" ,") or "%B %Y"
