"""DOIs and ORCID iDs: read in the forms people paste, kept in one canonical form.

A DOI is kept bare (`10.1234/abc`), whether it was written bare, as `doi:10.1234/abc` or as a
https://doi.org/ link; an ORCID iD is kept as its sixteen characters with dashes
(`0000-0002-1825-0097`), from the bare form or an https://orcid.org/ link, and its check digit
must be right (ISO 7064 MOD 11-2, as ORCID computes it), so that a mistyped iD never reaches a
reader's reference manager. The JSON Schemas carry the same forms as patterns (SCHEMA_DOI,
SCHEMA_ORCID); only the check digit is briefgen's alone.
"""

from __future__ import annotations

import re
from urllib.parse import quote

_NOT_CONTROL = r"[^\s\x00-\x1f\x7f]"
_DOI = re.compile(rf"(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(10\.\d{{4,9}}(?:\.\d+)*/{_NOT_CONTROL}+)", re.IGNORECASE)
_ORCID = re.compile(r"(?:https?://(?:www\.)?orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])", re.IGNORECASE)

# The same forms for JSON Schema (ECMA 262 has no case-insensitive flag inside a pattern).
SCHEMA_DOI = ("^\\s*(([hH][tT][tT][pP][sS]?://([dD][xX]\\.)?[dD][oO][iI]\\.[oO][rR][gG]/)|([dD][oO][iI]:\\s*))?"
              "10\\.[0-9]{4,9}(\\.[0-9]+)*/[^\\s\\x00-\\x1f\\x7f]+\\s*$")
SCHEMA_ORCID = ("^\\s*([hH][tT][tT][pP][sS]?://([wW][wW][wW]\\.)?[oO][rR][cC][iI][dD]\\.[oO][rR][gG]/)?"
                "[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9xX]\\s*$")

DOI_RESOLVER = "https://doi.org/"
ORCID_SITE = "https://orcid.org/"
# RFC 3986 path characters, less '%': a DOI may hold '#', '?', '<' or '%', which a link must encode.
_URL_SAFE = "/:@!$&'()*+,;=-._~"


def read_doi(text: str) -> str | None:
    """The bare DOI in `text` (bare, doi:, or a doi.org link), or None when it is not one."""
    found = _DOI.fullmatch(text.strip())
    return found.group(1) if found else None


def doi_url(doi: str) -> str:
    """The DOI's link at the DOI Foundation's resolver, with the characters a URL cannot hold encoded."""
    return DOI_RESOLVER + quote(doi, safe=_URL_SAFE)


def read_orcid(text: str) -> tuple[str | None, bool]:
    """(the iD in canonical form, whether its check digit is right); (None, False) when `text` has not
    the form of an iD."""
    found = _ORCID.fullmatch(text.strip())
    if not found:
        return None, False
    orcid = found.group(1).upper()
    return orcid, orcid_check_digit(orcid.replace("-", "")[:15]) == orcid[-1]


def orcid_check_digit(digits: str) -> str:
    """The check character of an ORCID iD's first fifteen digits (ISO 7064 MOD 11-2)."""
    total = 0
    for digit in digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def orcid_url(orcid: str) -> str:
    return ORCID_SITE + orcid
