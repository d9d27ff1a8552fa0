"""Dates as real sites write them: every accepted form, what pages, feeds, the sitemap and JSON-LD make of
them, Jekyll's file-name dates, the site's date format and time zone."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from briefgen.cli import main
from briefgen.engine import BuildOptions, check
from briefgen.load.dates import When, file_name_date, parse_when
from briefgen.model import Moment
from tests.conftest import parse_html

UTC = dt.timezone.utc
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.mark.parametrize(("raw", "when"), [
    (dt.date(2019, 2, 20), When(dt.date(2019, 2, 20))),
    ("2019-02-20", When(dt.date(2019, 2, 20))),
    (" 2019-02-20 ", When(dt.date(2019, 2, 20))),
    ("2019-02-20T10:00:00Z", When(dt.date(2019, 2, 20), dt.datetime(2019, 2, 20, 10), 0)),
    ("2019-02-20 10:00", When(dt.date(2019, 2, 20), dt.datetime(2019, 2, 20, 10))),
    ("2015-06-29 1:00:19 -0400", When(dt.date(2015, 6, 29), dt.datetime(2015, 6, 29, 1, 0, 19), -240)),
    ("2010-10-22 11:33:15 -0400", When(dt.date(2010, 10, 22), dt.datetime(2010, 10, 22, 11, 33, 15), -240)),
    ("2019-02-20T10:00:00.123+05:30", When(dt.date(2019, 2, 20), dt.datetime(2019, 2, 20, 10, 0, 0, 123000), 330)),
    ("2019-02-20t23:59:59+01:00", When(dt.date(2019, 2, 20), dt.datetime(2019, 2, 20, 23, 59, 59), 60)),
    ("2019-02-20 10:00 UTC", When(dt.date(2019, 2, 20), dt.datetime(2019, 2, 20, 10), 0)),
    ("2019-02-20 10:00:00 +09", When(dt.date(2019, 2, 20), dt.datetime(2019, 2, 20, 10), 540)),
    (dt.datetime(2019, 2, 20, 10, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
     When(dt.date(2019, 2, 20), dt.datetime(2019, 2, 20, 10), -300)),
    (dt.datetime(2019, 2, 20, 10), When(dt.date(2019, 2, 20), dt.datetime(2019, 2, 20, 10))),
])
def test_every_form_real_sites_write_is_read_with_its_time_and_zone(raw: object, when: When) -> None:
    assert parse_when(raw) == when


@pytest.mark.parametrize("raw", ["2019-02-30", "2019-02-20 25:00", "2019-02-20 10:61", "2019-02-20 10",
                                 "2019-02-20 10:00 EST", "2019-02-20 10:00 +2400", "20 February 2019", "2019",
                                 "2019-2-20", "next week", 2019, True, None, ["2019-02-20"]])
def test_anything_else_is_not_a_date(raw: object) -> None:
    assert parse_when(raw) is None


@pytest.mark.parametrize(("stem", "parts"), [
    ("2014-09-25-some-title", ("2014-09-25", "some-title")), ("2014-09-25-북한", ("2014-09-25", "북한")),
    ("2014-09-25", None), ("2014-09-25-", None), ("2014-13-45-title", None), ("title-2014-09-25", None),
])
def test_jekyll_file_names_give_a_date_and_a_name(stem: str, parts: tuple[str, str] | None) -> None:
    assert file_name_date(stem) == parts


def test_a_moment_is_rfc_3339_and_an_offset_change_is_a_change() -> None:
    assert Moment(dt.datetime(2019, 2, 20, 10), 0).isoformat() == "2019-02-20T10:00:00Z"
    assert Moment(dt.datetime(2015, 6, 29, 1, 0, 19), -240).isoformat() == "2015-06-29T01:00:19-04:00"
    # the same instant written in two zones: feeds show the difference, so the model must see it
    assert Moment(dt.datetime(2019, 2, 20, 10), 0) != Moment(dt.datetime(2019, 2, 20, 11), 60)


BRIEF = "---\ntitle: {title}\n{front}summary: S.\n---\nBody.\n"


def _site(scratch_site, briefs: dict[str, str], config: str = "title: Dates\n") -> Path:  # type: ignore[no-untyped-def]
    files = {f"content/briefs/{name}.md": text for name, text in briefs.items()}
    return scratch_site({"briefgen.yaml": config, **files})


def _brief(title: str, front: str) -> str:
    return BRIEF.format(title=title, front=front)


def test_a_hugo_date_is_kept_whole_in_feeds_sitemap_json_ld_and_time_elements(scratch_site) -> None:  # type: ignore[no-untyped-def]
    site = _site(scratch_site, {"hugo": _brief("Hugo", "date: 2010-10-22 11:33:15 -0400\n"
                                                         "updated: '2010-10-23T08:00:00+02:00'\n")},
                 "title: Dates\nbase_url: https://example.org/\n")
    assert main(["build", str(site), "-q"]) == 0
    out = site / "output"
    page = parse_html(out / "briefs/hugo/index.html")
    times = {el.get("datetime"): el.text for el in page.iter("time")}
    assert times == {"2010-10-22T11:33:15-04:00": "22 October 2010", "2010-10-23T08:00:00+02:00": "23 October 2010"}
    meta = page.find(".//meta[@property='article:published_time']")
    assert meta is not None and meta.get("content") == "2010-10-22T11:33:15-04:00"
    script = page.find(".//script[@type='application/ld+json']")
    assert script is not None and script.text
    ld = json.loads(script.text)
    assert (ld["datePublished"], ld["dateModified"]) == ("2010-10-22T11:33:15-04:00", "2010-10-23T08:00:00+02:00")
    entry = feedparser.parse((out / "feed.xml").read_bytes()).entries[0]
    assert entry.published == "2010-10-22T11:33:15-04:00"
    assert tuple(entry.published_parsed)[:6] == (2010, 10, 22, 15, 33, 15)  # in UTC, as readers compare
    assert tuple(entry.updated_parsed)[:6] == (2010, 10, 23, 6, 0, 0)
    lastmod = {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
               for url in ET.parse(out / "sitemap.xml").getroot()}
    assert lastmod["https://example.org/briefs/hugo/"] == "2010-10-23T08:00:00+02:00"
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert [(b["date"], b["published"], b["updated"], b["modified"]) for b in graph["briefs"]] == \
        [("2010-10-22", "2010-10-22T11:33:15-04:00", "2010-10-23", "2010-10-23T08:00:00+02:00")]


def test_a_bare_date_stays_a_date_where_a_date_is_enough(scratch_site) -> None:  # type: ignore[no-untyped-def]
    site = _site(scratch_site, {"plain": _brief("Plain", "date: 2019-02-20\n")},
                 "title: Dates\nbase_url: https://example.org/\n")
    assert main(["build", str(site), "-q"]) == 0
    out = site / "output"
    assert [el.get("datetime") for el in parse_html(out / "briefs/plain/index.html").iter("time")] == ["2019-02-20"]
    assert "<published>2019-02-20T00:00:00Z</published>" in (out / "feed.xml").read_text(encoding="utf-8")
    assert "<lastmod>2019-02-20</lastmod>" in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_briefs_of_one_day_are_ordered_by_their_times(scratch_site) -> None:  # type: ignore[no-untyped-def]
    site = _site(scratch_site, {
        "a-morning": _brief("Morning", "date: 2019-02-20T08:00:00Z\n"),
        "b-evening": _brief("Evening", "date: 2019-02-20T20:00:00Z\n"),
        "c-day": _brief("Just the day", "date: 2019-02-20\n"),
        "d-tokyo": _brief("Tokyo, next morning", "date: '2019-02-21 07:00 +0900'\n"),  # 22:00 UTC on the 20th
        "e-before": _brief("The day before", "date: 2019-02-19T23:00:00Z\n"),
    })
    assert main(["build", str(site), "-q"]) == 0
    titles = [h.findtext("a") for h in parse_html(site / "output/briefs/index.html").iter("h2")
              if h.get("class") == "brief-card-title"]
    assert titles == ["Tokyo, next morning", "Evening", "Morning", "Just the day", "The day before"]
    feed = feedparser.parse((site / "output/feed.xml").read_bytes())
    assert [e.title for e in feed.entries] == titles


def test_a_time_without_a_zone_is_in_the_sites_time_zone(scratch_site) -> None:  # type: ignore[no-untyped-def]
    site = _site(scratch_site, {"winter": _brief("Winter", "date: '2019-02-20 10:00'\n"),
                                "summer": _brief("Summer", "date: '2019-07-20 10:00'\n"),
                                "day": _brief("Day", "date: 2019-03-01\n")},
                 "title: Dates\ntimezone: Europe/Paris\n")
    assert main(["build", str(site), "-q"]) == 0
    feed = (site / "output/feed.xml").read_text(encoding="utf-8")
    assert "<published>2019-02-20T10:00:00+01:00</published>" in feed
    assert "<published>2019-07-20T10:00:00+02:00</published>" in feed  # daylight saving time
    assert "<published>2019-03-01T00:00:00+01:00</published>" in feed  # a bare day starts in the site's zone


def test_jekyll_file_names_date_briefs_and_the_front_matter_wins(scratch_site) -> None:  # type: ignore[no-untyped-def]
    site = _site(scratch_site, {
        "2014-09-25-from-the-name": _brief("From the name", ""),
        "2014-09-26-both-given": _brief("Both given", "date: 2015-01-02\n"),
        "2014-09-27-explicit-slug": _brief("Explicit slug", "slug: kept\n"),
    })
    _graph, problems = check(site, BuildOptions())
    assert not [p.format() for p in problems if p.is_error]
    assert main(["build", str(site), "-q"]) == 0
    out = site / "output"
    dates = {path.parent.name: [t.get("datetime") for t in parse_html(path).iter("time")]
             for path in out.glob("briefs/*/index.html")}
    assert dates == {"from-the-name": ["2014-09-25"], "both-given": ["2015-01-02"], "kept": ["2014-09-27"]}


def test_a_bad_file_name_date_is_no_date(scratch_site) -> None:  # type: ignore[no-untyped-def]
    site = _site(scratch_site, {"2014-13-45-not-a-date": _brief("No date", "")})
    _graph, problems = check(site, BuildOptions())
    assert [(p.code, p.message) for p in problems if p.is_error] == [("missing-field", "brief has no 'date'")]


def test_a_bad_date_says_what_forms_are_accepted_at_its_place(scratch_site) -> None:  # type: ignore[no-untyped-def]
    site = _site(scratch_site, {"a": _brief("A", "date: 22/10/2010\n")})
    _graph, problems = check(site, BuildOptions())
    [problem] = [p for p in problems if p.is_error]
    assert (problem.path, problem.line, problem.col) == ("content/briefs/a.md", 3, 7)
    assert "2019-02-20T10:00:00Z" in problem.message and "2015-06-29 1:00:19 -0400" in problem.message


@pytest.mark.parametrize(("config", "shown", "source"), [
    ("", "20 February 2019", "February 2019"),
    ("date_format: '%Y-%m-%d'\n", "2019-02-20", "2019-02"),
    ("date_format: '%b %-d, %Y'\n", "Feb 20, 2019", "Feb 2019"),
    ("date_format: '%d/%m/%Y'\n", "20/02/2019", "02/2019"),
    ("language: ko\n", "2019년 2월 20일", "2019년 2월"),
    ("language: ja\n", "2019年2月20日", "2019年2月"),
    ("language: fr\ndate_format: '%-d %B %Y'\nmonth_names: [janvier, février, mars, avril, mai, juin, juillet, "
     "août, septembre, octobre, novembre, décembre]\n", "20 février 2019", "février 2019"),
])
def test_pages_show_dates_in_the_sites_format(config: str, shown: str, source: str,
                                              scratch_site) -> None:  # type: ignore[no-untyped-def]
    site = scratch_site({"briefgen.yaml": "title: T\n" + config,
                         "content/briefs/a.md": "---\ntitle: A\ndate: 2019-02-20\nsummary: S.\nsources:\n"
                                                "  - id: s\n    title: Src\n    date: 2019-02\n---\n[@s]\n"})
    assert main(["build", str(site), "-q"]) == 0
    page = parse_html(site / "output/briefs/a/index.html")
    assert [t.text for t in page.iter("time")] == [shown]
    citation = "".join(parse_html(site / "output/sources/index.html").find(".//ul[@class='source-index']").itertext())
    assert f", {source}." in citation


@pytest.mark.parametrize(("config", "line", "message"), [
    ("date_format: '%d %Q'\n", 1, "date_format has an unknown directive '%Q'"),
    ("month_names: [a, b]\n", 1, "month_names must list 12 months, January first, not 2"),
    ("timezone: Mars/Olympus\n", 1, "unknown time zone 'Mars/Olympus'"),
    ("timezone: ../../etc/passwd\n", 1, "unknown time zone '../../etc/passwd'"),
    ("language: English\n", 1, "'language' must be a language code like en, fr, ar or pt-BR, not 'English'"),
])
def test_bad_date_settings_are_located_errors(config: str, line: int, message: str,
                                              scratch_site) -> None:  # type: ignore[no-untyped-def]
    site = scratch_site({"briefgen.yaml": config,
                         "content/briefs/a.md": "---\ntitle: A\ndate: 2019-02-20\nsummary: S.\n---\nB.\n"})
    _graph, problems = check(site, BuildOptions())
    assert [(p.path, p.line, p.message) for p in problems if p.is_error] == [("briefgen.yaml", line, message)]
    assert main(["build", str(site), "-q"]) == 1


def test_an_update_on_the_day_of_publication_is_not_before_it(scratch_site) -> None:  # type: ignore[no-untyped-def]
    site = _site(scratch_site, {"a": _brief("A", "date: 2019-02-20T10:00:00Z\nupdated: 2019-02-20\n")})
    assert main(["build", str(site), "-q"]) == 0
    entry = feedparser.parse((site / "output/feed.xml").read_bytes()).entries[0]
    assert entry.published == entry.updated == "2019-02-20T10:00:00Z"
