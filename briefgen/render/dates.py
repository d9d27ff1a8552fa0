"""Dates as pages show them."""

from __future__ import annotations

import datetime as dt


def format_date(value: dt.date) -> str:
    return f"{value.day} {value.strftime('%B')} {value.year}"


def format_loose_date(value: str) -> str:
    """A source's date as written ('2019', '2019-02', '2019-02-19') in the same style as brief dates."""
    try:
        return format_date(dt.date.fromisoformat(value))
    except ValueError:
        pass
    try:
        month = dt.datetime.strptime(value, "%Y-%m")
        return f"{month.strftime('%B')} {month.year}"
    except ValueError:
        return value
