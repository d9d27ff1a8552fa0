"""Language tags (BCP 47, as HTML's lang attribute takes them) and the direction their text runs in."""

from __future__ import annotations

import re

_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
RTL_LANGUAGES = frozenset({
    "ar", "arc", "azb", "bal", "bqi", "ckb", "dv", "fa", "glk", "he", "iw", "ji", "khw", "ks", "lrc", "mzn",
    "nqo", "pnb", "prs", "ps", "sd", "sdh", "syr", "ug", "ur", "yi",
})
"""Languages written right to left in their usual script (Arabic, Hebrew, Persian, Urdu, Pashto, Sindhi,
Uyghur, Sorani Kurdish, Dhivehi, Yiddish, Syriac, N'Ko, ...)."""
RTL_SCRIPTS = frozenset({"adlm", "arab", "aran", "hebr", "mand", "mend", "nkoo", "rohg", "samr", "syrc", "thaa",
                         "phnx", "sogd", "yezi"})
"""ISO 15924 scripts written right to left: a script subtag decides over the language ('az-Arab', 'ur-Latn')."""


def language_tag(text: str) -> str | None:
    """A tag in its usual case ('pt_br' -> 'pt-BR', 'zh-hant' -> 'zh-Hant'); None when it is not one."""
    text = text.strip()
    if not _TAG.fullmatch(text):
        return None
    parts = re.split(r"[-_]", text)
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def direction(tag: str) -> str:
    """'rtl' or 'ltr': how text in the language of `tag` runs."""
    parts = re.split(r"[-_]", tag.lower())
    script = next((p for p in parts[1:] if len(p) == 4 and p.isalpha()), None)
    if script is not None:
        return "rtl" if script in RTL_SCRIPTS else "ltr"
    return "rtl" if parts[0] in RTL_LANGUAGES else "ltr"


def same_language(a: str, b: str) -> bool:
    return a.lower() == b.lower()
