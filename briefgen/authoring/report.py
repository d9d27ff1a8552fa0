"""What `briefgen import` tells the user: a located line per thing to look at, then a summary.

Located lines are GCC-style, like every problem briefgen reports: a warning for each piece of
template code kept as text, a note for raw HTML kept and for values that could not be taken
as they were, an error for each file refused. The summary counts what was imported, refused,
converted and kept, and says what to do next.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from briefgen.authoring.folder import FolderReport
from briefgen.authoring.importer import Imported

HTML_NOTE = ("raw HTML is kept; it shows as text until briefgen.yaml says 'allow_html: true' "
             "(then it is sanitized)")


def file_lines(shown: str, imported: Imported) -> list[tuple[str, str]]:
    """(severity, line) for one imported file: its kept template code, notes and raw HTML."""
    out = [("warning", f"{shown}:{f.line}:{f.col}: warning: {f.message}") for f in imported.findings]
    out += [("note", f"{shown}:{line}: note: {message}") for line, message in imported.notes]
    if imported.html_lines:
        more = len(imported.html_lines) - 1
        out.append(("note", f"{shown}:{imported.html_lines[0]}: note: {HTML_NOTE}"
                            + (f" ({more} more place{'s' * (more != 1)} in this file)" if more else "")))
    return out


def folder_lines(report: FolderReport, verbose: bool) -> list[tuple[str, str]]:
    """(severity, line) for a whole folder, file by file."""
    out: list[tuple[str, str]] = []
    for outcome in report.outcomes:
        shown = outcome.found.file.shown
        if outcome.imported is not None:
            out += file_lines(shown, outcome.imported)
        else:
            where = f"{shown}:{outcome.line}" if outcome.line else shown
            out.append(("error", f"{where}: error: not imported: {outcome.refused}"))
    if verbose:
        root = report.outcomes[0].found.file.shown[:-len(report.outcomes[0].found.rel)] if report.outcomes else ""
        out += [("note", f"{root}{skip.rel}: note: skipped: {skip.reason}") for skip in report.skipped]
    return out


def folder_summary(report: FolderReport, site: str, dry_run: bool) -> list[str]:
    imported = report.imported
    refused = report.refused
    drafts = sum(1 for o in imported if o.imported is not None and o.imported.draft)
    verb = "would import" if dry_run else "imported"
    lines = [f"{verb} {len(imported):,} of {len(report.outcomes):,} {report.flavour} posts into {site}/content/briefs/"
             + (f" ({drafts:,} as drafts)" if drafts else "") + f"; {len(refused):,} refused"
             + (":" if refused else "")]
    lines += [f"  {o.found.file.shown}" + (f":{o.line}" if o.line else "") + f": {o.refused}" for o in refused]
    results = [o.imported for o in imported if o.imported is not None]
    lines += summary_of_results(results)
    if report.skipped:
        reasons = Counter(skip.reason.split(":")[0].split(" (")[0] for skip in report.skipped)
        lines.append(f"skipped {len(report.skipped):,} files that are not posts: "
                     + ", ".join(f"{reason} ({count})" for reason, count in reasons.most_common()) + " (-v lists them)")
    if report.resources:
        lines.append(f"copied {report.resources:,} file{'s' * (report.resources != 1)} of page bundles to "
                     f"{site}/static/briefs/<slug>/")
    linked = report.linked
    if linked.copied:
        lines.append(f"copied {linked.copied:,} file{'s' * (linked.copied != 1)} the posts link to "
                     f"(images, documents) into {site}/static/")
    if linked.missing:
        shown = ", ".join(f"/{path}" for path in linked.missing[:5]) + (", ..." if len(linked.missing) > 5 else "")
        lines.append(f"{len(linked.missing):,} file{'s' * (len(linked.missing) != 1)} the posts link to "
                     f"{'are' if len(linked.missing) != 1 else 'is'} not in the old site (or could not be copied): "
                     f"{shown}; copy "
                     f"{'them' if len(linked.missing) != 1 else 'it'} into {site}/static/ at the same path")
    if linked.pages:
        shown = ", ".join(f"/{path}" for path in linked.pages[:5]) + (", ..." if len(linked.pages) > 5 else "")
        lines.append(f"{len(linked.pages):,} page{'s' * (len(linked.pages) != 1)} of the old site the posts link to "
                     f"{'were' if len(linked.pages) != 1 else 'was'} not imported, so "
                     f"{'those links are' if len(linked.pages) != 1 else 'that link is'} broken: {shown}; "
                     "import the page, or change the link")
    return lines


def summary_of_results(results: Iterable[Imported]) -> list[str]:
    """Counts over imported files: conversions, template code kept, keys left as comments, raw HTML."""
    converted: Counter[str] = Counter()
    keys: Counter[str] = Counter()
    kept = html = 0
    for result in results:
        converted.update(dict(result.counts))
        keys.update({leftover.key for leftover in result.leftovers})
        kept += len(result.findings)
        html += bool(result.html_lines)
    lines = []
    if converted:
        lines.append(f"converted {sum(converted.values()):,}: "
                     + ", ".join(f"{kind} {count:,}" for kind, count in converted.most_common()))
    if kept:
        lines.append(f"kept as text: {kept:,} piece{'s' * (kept != 1)} of template code (a warning each, above)")
    if keys:
        lines.append("front-matter keys briefgen has no place for, kept as comments: "
                     + ", ".join(f"{key} ({count:,})" for key, count in keys.most_common()))
    if html:
        lines.append(f"raw HTML kept in {html:,} file{'s' * (html != 1)}: it shows as text until briefgen.yaml says "
                     "'allow_html: true', which passes it through a sanitizer (nh3); import sets nothing itself")
    return lines
