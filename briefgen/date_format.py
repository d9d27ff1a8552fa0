"""Dates as pages show them, by the site's date_format: %-directives like strftime's, without its locale.

strftime's month names come from the process's locale, which is global, differs between machines
and is often not installed; a site's pages must not depend on it. English month names are built
in, a site in another language gives its own (month_names), and Korean, Japanese and Chinese sites
get their usual numeric form by default.
"""

from __future__ import annotations

import datetime as dt
import re

DIRECTIVES = ("%Y", "%y", "%m", "%-m", "%d", "%-d", "%B", "%b", "%%")
"""year, two-digit year, month 01-12, month 1-12, day 01-31, day 1-31, month name, English short month name, '%'."""
DEFAULT_FORMAT = "%-d %B %Y"
"""20 February 2019."""
LANGUAGE_FORMATS = {"ko": "%Y년 %-m월 %-d일", "ja": "%Y年%-m月%-d日", "zh": "%Y年%-m月%-d日"}
"""The default where a language writes dates in numbers (its CLDR long form): no month names needed."""
ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December")
_DIRECTIVE = re.compile(r"%(-?[A-Za-z%]?)")


def bad_directive(pattern: str) -> str | None:
    """The first directive of `pattern` that is not one of DIRECTIVES, or None."""
    for match in _DIRECTIVE.finditer(pattern):
        if match[0] not in DIRECTIVES:
            return match[0]
    return None


def default_format(language: str) -> str:
    return LANGUAGE_FORMATS.get(language.split("-")[0].lower(), DEFAULT_FORMAT)


def format_day(day: dt.date, pattern: str, months: tuple[str, ...] = ()) -> str:
    """`day` by `pattern`; an unknown directive is left as written (settings refuse them before)."""
    names = months if len(months) == 12 else ENGLISH_MONTHS
    values = {"%Y": str(day.year), "%y": f"{day.year % 100:02d}", "%m": f"{day.month:02d}", "%-m": str(day.month),
              "%d": f"{day.day:02d}", "%-d": str(day.day), "%B": names[day.month - 1],
              "%b": ENGLISH_MONTHS[day.month - 1][:3], "%%": "%"}
    return _DIRECTIVE.sub(lambda m: values.get(m[0], m[0]), pattern)
