"""Citing a brief: the meta tags Zotero and Google Scholar read, the cite box, and the downloads.

A site is built for real and its pages parsed as a browser would (html5lib); the BibTeX is read
back with bibtexparser, the CSL-JSON checked against the CSL project's schema
(tests/data/csl-data.json), the RIS read tag by tag.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import defaultdict
from pathlib import Path

import bibtexparser
import jsonschema
import pytest

from briefgen.cli import main
from briefgen.engine import BuildOptions, check
from briefgen.render.citebox import BriefCiter, cite_box
from briefgen.render.citefiles import bibtex_key, tex
from tests.conftest import parse_html, write_site

DATA = Path(__file__).resolve().parent / "data"
HOSTILE_TITLE = "100% of {them} & $5_ #1 ~ ^ \\ \"quoted\" </title><script>alert(1)</script> 한국어 العربية"
SITE = {
    "briefgen.yaml": """\
        title: The Policy Desk
        base_url: https://example.org/desk/
        publisher: Example Institute
        language: en
        copyright: © Example Institute
        citation_style: apa
        """,
    "content/authors.yaml": """\
        - name: Ann Smith
          orcid: https://orcid.org/0000-0002-1825-0097
        - name: Center for Arms Control and Non-Proliferation
        """,
    "content/briefs/doi.md": """\
        ---
        title: A brief with a DOI
        date: 2021-03-04
        doi: https://doi.org/10.1234/Desk.2021#7
        authors: [Ann Smith, Center for Arms Control and Non-Proliferation, Zoë Ødegård]
        topics: [Arms control, Désarmement]
        summary: What the brief says, in two sentences. It has a "quote" & an ampersand.
        ---
        Body.
        """,
    "content/briefs/hostile.md": """\
        ---
        title: '%s'
        date: 2020-01-02
        authors: [Bob Jones]
        ---
        Body.
        """.replace("%s", HOSTILE_TITLE.replace("'", "''")),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = write_site(tmp_path_factory.mktemp("citing") / "site", SITE)
    assert main(["build", str(site), "-q"]) == 0
    return site / "output"


def head_meta(page: Path) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = defaultdict(list)
    for meta in parse_html(page).iter("meta"):
        if meta.get("name"):
            tags[meta.get("name")].append(meta.get("content"))
    return tags


def ordered_meta(page: Path) -> list[tuple[str, str]]:
    return [(m.get("name"), m.get("content")) for m in parse_html(page).iter("meta") if m.get("name")]


def test_a_brief_page_carries_every_highwire_tag(built: Path) -> None:
    tags = head_meta(built / "briefs/doi/index.html")
    assert tags["citation_title"] == ["A brief with a DOI"]
    assert tags["citation_author"] == ["Ann Smith", "Center for Arms Control and Non-Proliferation", "Zoë Ødegård"]
    assert tags["citation_publication_date"] == ["2021/03/04"] == tags["citation_online_date"]
    assert tags["citation_publisher"] == ["Example Institute"] == tags["citation_technical_report_institution"]
    assert tags["citation_language"] == ["en"]
    assert tags["citation_public_url"] == ["https://example.org/desk/briefs/doi/"]
    assert tags["citation_doi"] == ["10.1234/Desk.2021#7"]
    assert tags["citation_keywords"] == ["Arms control", "Désarmement"]
    assert tags["citation_abstract"] == ['What the brief says, in two sentences. It has a "quote" & an ampersand.']
    assert "citation_pdf_url" not in tags  # this site makes no PDFs


def test_an_orcid_follows_its_author(built: Path) -> None:
    order = [(n, c) for n, c in ordered_meta(built / "briefs/doi/index.html") if n.startswith("citation_author")]
    assert order == [("citation_author", "Ann Smith"), ("citation_author_orcid", "0000-0002-1825-0097"),
                     ("citation_author", "Center for Arms Control and Non-Proliferation"),
                     ("citation_author", "Zoë Ødegård")]


def test_a_brief_page_carries_dublin_core(built: Path) -> None:
    page = built / "briefs/doi/index.html"
    tags = head_meta(page)
    assert tags["DC.title"] == ["A brief with a DOI"]
    assert tags["DC.creator"] == ["Ann Smith", "Center for Arms Control and Non-Proliferation", "Zoë Ødegård"]
    assert tags["DC.date"] == ["2021-03-04"]
    assert tags["DC.publisher"] == ["Example Institute"]
    assert tags["DC.language"] == ["en"]
    assert tags["DC.identifier"] == ["10.1234/Desk.2021#7", "https://example.org/desk/briefs/doi/"]
    assert tags["DC.subject"] == ["Arms control", "Désarmement"]
    assert tags["DC.description"] == tags["citation_abstract"]
    assert tags["DC.type"] == ["Brief", "Text"]
    assert tags["DC.rights"] == ["© Example Institute"]
    links = {link.get("rel"): link.get("href") for link in parse_html(page).iter("link")}
    assert links["schema.DC"] == "http://purl.org/dc/elements/1.1/"


# What Zotero's "Embedded Metadata" translator fills from the page (zotero/translators, Embedded Metadata.js:
# HIGHWIRE_MAPPINGS and addHighwireMetadata; the RDF translator for DC.*), and the tags it reads it from.
ZOTERO_FIELDS = {
    "itemType report": ["citation_technical_report_institution"], "title": ["citation_title"],
    "creators": ["citation_author"], "date": ["citation_publication_date"], "publisher": ["citation_publisher"],
    "institution": ["citation_technical_report_institution"], "language": ["citation_language"],
    "url": ["citation_public_url"], "DOI": ["citation_doi"], "abstractNote": ["citation_abstract"],
    "tags": ["citation_keywords"], "reportType": ["DC.type"], "rights": ["DC.rights"],
}


def test_every_field_zotero_reads_is_there(built: Path) -> None:
    tags = head_meta(built / "briefs/doi/index.html")
    missing = {field: names for field, names in ZOTERO_FIELDS.items() if not all(tags.get(n) for n in names)}
    assert not missing
    assert tags["DC.type"][0] == "Brief"  # Zotero takes the first DC.type as the report's type


def test_hostile_text_stays_text_in_tags_and_box(built: Path) -> None:
    page = built / "briefs/hostile/index.html"
    tree = parse_html(page)
    assert head_meta(page)["citation_title"] == [HOSTILE_TITLE]
    assert [s.get("src") for s in tree.iter("script") if s.get("type") != "application/ld+json"] == \
        ["../../assets/cite.js"]
    box = next(e for e in tree.iter("p") if e.get("id") == "cite-text")
    assert "alert(1)" in "".join(box.itertext()) and not list(box.iter("script"))


def test_the_cite_box_gives_the_citation_in_the_site_style(built: Path) -> None:
    tree = parse_html(built / "briefs/doi/index.html")
    box = next(e for e in tree.iter("section") if e.get("id") == "cite")
    text = " ".join("".join(next(e for e in box.iter("p") if e.get("id") == "cite-text").itertext()).split())
    assert text == ("Smith, A., Center for Arms Control and Non-Proliferation, & Ødegård, Z. (2021). "  # APA
                    "A brief with a DOI [Brief]. Example Institute. https://doi.org/10.1234/Desk.2021#7")
    assert "APA style" in "".join(box.itertext())
    button = next(box.iter("button"))
    assert button.get("hidden") is not None and button.get("data-copy") == "cite-text"  # shown by script only
    links = {a.text: a for a in box.iter("a") if a.get("download")}
    assert {name: a.get("href") for name, a in links.items()} == {
        "BibTeX": "../../briefs/doi/cite.bib", "RIS": "../../briefs/doi/cite.ris",
        "CSL-JSON": "../../briefs/doi/cite.json"}
    assert links["BibTeX"].get("download") == "doi.bib"


def test_without_a_style_the_box_uses_the_plain_form(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"content/briefs/a.md": SITE["content/briefs/doi.md"]})
    assert main(["build", str(site), "-q"]) == 0
    tree = parse_html(site / "output/briefs/a/index.html")
    box = next(e for e in tree.iter("section") if e.get("id") == "cite")
    cite = " ".join("".join(next(e for e in box.iter("p") if e.get("id") == "cite-text").itertext()).split())
    # "Briefs", the publisher, is the site's title when it has none of its own.
    assert cite == ("Smith, Ann, Center for Arms Control and Non-Proliferation, and Zoë Ødegård. 2021. "
                    "“A brief with a DOI.” Brief. Briefs. https://doi.org/10.1234/Desk.2021%237.")
    assert " style" not in " ".join("".join(box.itertext()).split())  # no style is named that was not used
    assert "citation_public_url" not in head_meta(site / "output/briefs/a/index.html")  # no base_url, no URL


def test_bibtex_reads_back(built: Path) -> None:
    text = (built / "briefs/doi/cite.bib").read_text(encoding="utf-8")
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks and len(library.entries) == 1
    entry = library.entries[0]
    assert (entry.entry_type, entry.key) == ("techreport", "doi")
    fields = {f.key: f.value for f in entry.fields}
    assert fields["author"] == "Smith, Ann and {Center for Arms Control and Non-Proliferation} and Ødegård, Zoë"
    assert fields["title"] == "{A brief with a DOI}"  # braced twice in the file: the case is kept
    assert (fields["year"], fields["month"], fields["date"]) == ("2021", "mar", "2021-03-04")
    assert fields["institution"] == "Example Institute" and fields["type"] == "Brief"
    assert fields["doi"] == "10.1234/Desk.2021#7" and fields["url"] == "https://example.org/desk/briefs/doi/"
    assert fields["keywords"] == "Arms control, Désarmement"


def test_bibtex_escapes_what_tex_gives_a_meaning_to(built: Path) -> None:
    text = (built / "briefs/hostile/cite.bib").read_text(encoding="utf-8")
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    title = library.entries[0].fields_dict["title"].value
    assert title == "{" + tex(HOSTILE_TITLE) + "}"
    assert _untex(tex(HOSTILE_TITLE)) == HOSTILE_TITLE
    assert not re.search(r"(?<!\\)[%&#$_]", title.replace(r"\textbackslash{}", ""))
    depth = 0
    for char in title:  # BibTeX counts every brace, escaped or not: they must balance everywhere
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0


def _untex(value: str) -> str:
    back = {r"\textbackslash{}": "\\", r"\textbraceleft{}": "{", r"\textbraceright{}": "}",
            r"\textasciitilde{}": "~", r"\textasciicircum{}": "^"}
    value = re.sub("|".join(re.escape(k) for k in back), lambda m: back[m.group()], value)
    return re.sub(r"\\([%&#$_])", r"\1", value)


def test_a_bibtex_key_is_ascii() -> None:
    assert bibtex_key("hanoi-summit") == "hanoi-summit"
    assert bibtex_key("café-crème") == "cafe-creme"
    assert re.fullmatch(r"brief-[0-9a-f]{8}", bibtex_key("핵-외교"))


def test_csl_json_is_valid_csl_data(built: Path) -> None:
    schema = json.loads((DATA / "csl-data.json").read_text(encoding="utf-8"))
    for slug in ("doi", "hostile"):
        items = json.loads((built / f"briefs/{slug}/cite.json").read_text(encoding="utf-8"))
        jsonschema.validate(items, schema)
    item = json.loads((built / "briefs/doi/cite.json").read_text(encoding="utf-8"))[0]
    assert item["type"] == "report" and item["DOI"] == "10.1234/Desk.2021#7"
    assert item["author"] == [{"family": "Smith", "given": "Ann"},
                              {"literal": "Center for Arms Control and Non-Proliferation"},
                              {"family": "Ødegård", "given": "Zoë"}]
    assert item["issued"] == {"date-parts": [[2021, 3, 4]]}
    assert item["title"] == "A brief with a DOI" and item["publisher"] == "Example Institute"


def ris_records(text: str) -> list[list[tuple[str, str]]]:
    records: list[list[tuple[str, str]]] = [[]]
    for line in text.split("\r\n")[:-1]:
        found = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert found, line
        records[-1].append((found.group(1), found.group(2)))
        if found.group(1) == "ER":
            records.append([])
    return records[:-1]


def test_ris_has_every_tag(built: Path) -> None:
    raw = (built / "briefs/doi/cite.ris").read_bytes()
    assert raw.endswith(b"ER  - \r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    [record] = ris_records(raw.decode("utf-8"))
    tags = defaultdict(list)
    for tag, value in record:
        tags[tag].append(value)
    assert record[0] == ("TY", "RPRT") and record[-1] == ("ER", "")
    assert tags["TI"] == ["A brief with a DOI"]
    assert tags["AU"] == ["Smith, Ann", "Center for Arms Control and Non-Proliferation", "Ødegård, Zoë"]
    assert (tags["PY"], tags["DA"]) == (["2021"], ["2021/03/04/"])
    assert tags["UR"] == ["https://example.org/desk/briefs/doi/"] and tags["DO"] == ["10.1234/Desk.2021#7"]
    assert tags["PB"] == ["Example Institute"] and tags["KW"] == ["Arms control", "Désarmement"]


def test_ris_keeps_each_value_on_its_line(built: Path) -> None:
    [record] = ris_records((built / "briefs/hostile/cite.ris").read_bytes().decode("utf-8"))
    assert dict(record)["TI"] == HOSTILE_TITLE


def test_json_ld_carries_the_doi_and_orcid(built: Path) -> None:
    tree = parse_html(built / "briefs/doi/index.html")
    data = json.loads(next(s for s in tree.iter("script") if s.get("type") == "application/ld+json").text)
    assert data["identifier"] == {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1234/Desk.2021#7",
                                  "url": "https://doi.org/10.1234/Desk.2021%237"}
    assert data["sameAs"] == "https://doi.org/10.1234/Desk.2021%237"
    ann = data["author"][0]
    assert ann["sameAs"] == "https://orcid.org/0000-0002-1825-0097"
    assert ann["identifier"]["propertyID"] == "ORCID" and ann["identifier"]["value"] == "0000-0002-1825-0097"


def test_the_pdf_url_is_named_when_the_site_makes_pdfs(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"content/briefs/a.md": SITE["content/briefs/doi.md"],
                                          "briefgen.yaml": "base_url: https://example.org/\n"})
    graph, _problems = check(site, BuildOptions())
    assert graph is not None

    config = dataclasses.replace(graph.config, pdf=True)
    box = cite_box(dataclasses.replace(graph, config=config), "a", BriefCiter(""))
    assert ("citation_pdf_url", "https://example.org/briefs/a/a.pdf") in [(t.name, t.content) for t in box.meta]
    plain = cite_box(graph, "a", BriefCiter(""))
    assert "citation_pdf_url" not in [t.name for t in plain.meta]


def test_an_edit_remakes_the_downloads_of_the_briefs_it_changed(tmp_path: Path) -> None:
    from briefgen.engine import Engine

    site = write_site(tmp_path / "site", {
        "content/briefs/a.md": "---\ntitle: A\ndate: 2020-01-01\nsummary: S.\n---\nAlpha.\n",
        "content/briefs/b.md": "---\ntitle: B\ndate: 2020-01-02\nsummary: S.\n---\nBeta.\n",
    })
    engine = Engine(site, BuildOptions(output=tmp_path / "out", keep=False, jobs=1))
    assert {n for n in engine.build().made if n.startswith("\0cite:")} == {"\0cite:a", "\0cite:b"}
    brief = site / "content/briefs/a.md"
    brief.write_text(brief.read_text().replace("title: A", "title: A new title"))
    result = engine.build()
    assert {n for n in result.made if n.startswith("\0cite:")} == {"\0cite:a"}
    assert b"A new title" in (tmp_path / "out/briefs/a/cite.bib").read_bytes()
    brief.write_text(brief.read_text().replace("Alpha.", "Alpha, in other words."))
    assert not {n for n in engine.build().made if n.startswith("\0cite:")}  # prose is not in a citation


# Zotero's "Embedded Metadata" translator (zotero/translators, 2024): the Highwire tags it maps to
# item fields, by name; the first tag present wins. Types it infers from the presence of a tag.
HIGHWIRE_MAPPINGS = {
    "citation_title": "title", "citation_publication_date": "date", "citation_cover_date": "date",
    "citation_date": "date", "citation_journal_title": "publicationTitle", "citation_journal_abbrev":
    "journalAbbreviation", "citation_inbook_title": "publicationTitle", "citation_book_title": "bookTitle",
    "citation_volume": "volume", "citation_issue": "issue", "citation_series_title": "series",
    "citation_conference_title": "conferenceName", "citation_conference": "conferenceName",
    "citation_dissertation_institution": "university", "citation_technical_report_institution": "institution",
    "citation_technical_report_number": "number", "citation_publisher": "publisher", "citation_isbn": "ISBN",
    "citation_abstract": "abstractNote", "citation_doi": "DOI", "citation_public_url": "url",
    "citation_language": "language",
}
HIGHWIRE_TYPES = {"citation_journal_title": "journalArticle", "citation_technical_report_institution": "report",
                  "citation_conference_title": "conferencePaper", "citation_book_title": "bookSection",
                  "citation_dissertation_institution": "thesis"}


def zotero_item(tags: dict[str, list[str]]) -> dict[str, object]:
    """The item Zotero's translator makes from a page's meta tags (the fields this site can give)."""
    item: dict[str, object] = {"itemType": next((t for tag, t in HIGHWIRE_TYPES.items() if tag in tags),
                                                "journalArticle" if "citation_title" in tags else "webpage")}
    for tag, field in HIGHWIRE_MAPPINGS.items():
        if tags.get(tag) and field not in item:
            item[field] = " ".join(tags[tag][0].split())
    item["creators"] = [tuple(name.rsplit(" ", 1)) for name in tags.get("citation_author", [])]
    item["reportType"] = tags.get("DC.type", [""])[0]  # the RDF translator reads dc:type into reportType
    item["pdf"] = tags.get("citation_pdf_url", [""])[0]
    return item


def test_the_example_hanoi_brief_as_zotero_reads_it(example_site: Path) -> None:
    assert main(["build", str(example_site), "-q", "--base-url", "https://example.org/hanoi/"]) == 0
    item = zotero_item(head_meta(example_site / "output/briefs/hanoi-summit/index.html"))
    assert item["itemType"] == "report"
    assert item["title"] == "North Korean disarmament isn't going to happen"
    assert item["creators"] == [("Daniel", "Larison")]
    assert item["date"] == "2019/02/20"
    assert item["institution"] == item["publisher"] == "briefgen example: the Hanoi summit"
    assert item["language"] == "en" and item["reportType"] == "Brief"
    assert item["url"] == "https://example.org/hanoi/briefs/hanoi-summit/"
    assert str(item["abstractNote"]).startswith("Ahead of the second Trump–Kim summit in Hanoi")
    assert "DOI" not in item  # the example brief has none, and none is invented for it


def test_a_style_citeproc_cannot_read_gives_the_plain_form(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"content/briefs/a.md": SITE["content/briefs/doi.md"],
                                          "styles/broken.csl": "<style>not CSL</style>\n",
                                          "briefgen.yaml": "citation_style: styles/broken.csl\n"})
    assert main(["build", str(site), "-q"]) == 0
    tree = parse_html(site / "output/briefs/a/index.html")
    text = " ".join("".join(next(e for e in tree.iter("p") if e.get("id") == "cite-text").itertext()).split())
    assert text == ("Smith, Ann, Center for Arms Control and Non-Proliferation, and Zoë Ødegård. 2021. "
                    "“A brief with a DOI.” Brief. Briefs. https://doi.org/10.1234/Desk.2021%237.")
