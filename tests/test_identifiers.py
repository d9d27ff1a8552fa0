"""DOIs and ORCID iDs: the forms people paste are read, kept canonical, and a wrong one is a located error."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.engine import BuildOptions, check
from briefgen.load.identifiers import doi_url, orcid_check_digit, read_doi, read_orcid
from tests.conftest import write_site

BRIEF = "---\ntitle: T\ndate: 2020-01-02\nsummary: S.\nauthors: [Ann Author]\n{extra}---\nBody.\n"


@pytest.mark.parametrize("text,doi", [
    ("10.1234/abc", "10.1234/abc"),
    ("  doi:10.1234/ABC  ", "10.1234/ABC"),
    ("DOI: 10.1234/abc", "10.1234/abc"),
    ("https://doi.org/10.1038/nphys1170", "10.1038/nphys1170"),
    ("http://dx.doi.org/10.1000.10/x", "10.1000.10/x"),
    ("10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0",
     "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"),
    ("10.5555/한국어", "10.5555/한국어"),
    ("10.12/abc", None), ("10.1234/", None), ("11.1234/abc", None), ("10.1234/a b", None),
    ("https://example.org/10.1234/abc", None), ("", None),
])
def test_dois_are_read_in_every_common_form(text: str, doi: str | None) -> None:
    assert read_doi(text) == doi


def test_a_doi_link_encodes_what_a_url_cannot_hold() -> None:
    assert doi_url("10.1234/abc") == "https://doi.org/10.1234/abc"
    assert doi_url("10.1000/a#b?c%d<e>") == "https://doi.org/10.1000/a%23b%3Fc%25d%3Ce%3E"
    assert doi_url("10.5555/é") == "https://doi.org/10.5555/%C3%A9"


@pytest.mark.parametrize("text,orcid,ok", [
    ("0000-0002-1825-0097", "0000-0002-1825-0097", True),  # ORCID's own examples
    ("https://orcid.org/0000-0001-5109-3700", "0000-0001-5109-3700", True),
    ("0000-0002-1694-233x", "0000-0002-1694-233X", True),
    ("0000-0002-1825-0098", "0000-0002-1825-0098", False),
    ("0000-0002-1825", None, False), ("https://example.org/0000-0002-1825-0097", None, False),
])
def test_orcid_ids_are_read_and_their_check_digit_verified(text: str, orcid: str | None, ok: bool) -> None:
    assert read_orcid(text) == (orcid, ok)


def test_the_check_digit_is_iso_7064_mod_11_2() -> None:
    assert orcid_check_digit("000000021825009") == "7"
    assert orcid_check_digit("000000021694233") == "X"


def test_a_wrong_check_digit_is_an_error_at_its_line(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {
        "content/briefs/a.md": BRIEF.format(extra=""),
        "content/authors.yaml": "- name: Ann Author\n  orcid: 0000-0002-1825-0098\n",
    })
    _graph, problems = check(site, BuildOptions())
    errors = [p for p in problems if p.is_error]
    assert [(p.path, p.line, p.code) for p in errors] == [("content/authors.yaml", 2, "bad-orcid")]
    assert "check digit" in errors[0].message and "0097" not in errors[0].message
    assert errors[0].message.endswith("end in 7)")


def test_good_identifiers_reach_the_graph_canonical(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {
        "content/briefs/a.md": BRIEF.format(extra="doi: https://doi.org/10.1234/ABC.1\n"),
        "content/authors.yaml": "- name: Ann Author\n  orcid: https://orcid.org/0000-0002-1694-233x\n",
        "briefgen.yaml": "title: The Site\npublisher: The Institute\n",
    })
    graph, problems = check(site, BuildOptions())
    assert graph is not None and not [p for p in problems if p.is_error]
    assert graph.briefs["a"].doi == "10.1234/ABC.1"
    assert graph.authors["ann-author"].orcid == "0000-0002-1694-233X"
    assert graph.config.publisher == "The Institute"


def test_a_bad_doi_is_an_error_at_its_line(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"content/briefs/a.md": BRIEF.format(extra="doi: 10.12/abc\n")})
    _graph, problems = check(site, BuildOptions())
    assert [(p.line, p.code) for p in problems if p.is_error] == [(6, "bad-doi")]
