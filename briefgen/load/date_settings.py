"""The settings of briefgen.yaml about dates: date_format, month_names and timezone, checked beyond their type."""

from __future__ import annotations

import zoneinfo

from briefgen.date_format import DIRECTIVES, bad_directive
from briefgen.load.reader import FieldReader, Values


def read_date_settings(reader: FieldReader, read: Values) -> dict[str, object]:
    """The good date settings, as SiteConfig fields; a located error for each bad one."""
    out: dict[str, object] = {}
    pattern = read.get("date_format") or ""
    if pattern:
        bad = bad_directive(pattern)
        if bad is None:
            out["date_format"] = pattern
        else:
            reader.error(("date_format",), f"date_format has an unknown directive '{bad}'", "bad-value",
                         f"use {', '.join(DIRECTIVES)}; write a '%' itself as %%")
    months = read.get("month_names") or ()
    if months:
        if len(months) == 12:
            out["month_names"] = tuple(months)
        else:
            reader.error(("month_names",), f"month_names must list 12 months, January first, not {len(months)}",
                         "bad-value")
    zone = read.get("timezone") or ""
    if zone:
        if _known_zone(zone):
            out["timezone"] = zone
        else:
            reader.error(("timezone",), f"unknown time zone '{zone}'", "bad-value",
                         "use an IANA name like Europe/Paris, America/New_York or Asia/Seoul (or UTC)")
    return out


def _known_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (ValueError, OSError, zoneinfo.ZoneInfoNotFoundError):
        return False
    return True
