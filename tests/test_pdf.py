"""PDFs of briefs, read back: their text, links, tag tree and metadata, and the page that links to them."""

from __future__ import annotations

import http.server
import posixpath
import sys
import threading
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import ClassVar

import pypdf
import pytest
from conftest import parse_html
from pdfsites import ARABIC, CONFIG, KOREAN, LONG_URL, link_targets, pdf_reader, pdf_text, print_site, tag_roles

from briefgen.cli import main
from briefgen.engine import BuildOptions, Engine, check
from briefgen.errors import BuildFailed
from briefgen.render.pdf import size_text

FREEZE_PDF = "briefs/freeze/freeze.pdf"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The print site, built once for the tests that only read it."""
    site = print_site(tmp_path_factory.mktemp("pdf") / "site")
    assert main(["build", str(site), "-q", "--no-cache"]) == 0
    return site / "output"


def test_the_pdf_has_the_title_the_claims_the_counterclaims_and_the_sources(built: Path) -> None:
    text = pdf_text(built / FREEZE_PDF)
    for shown in ("A verifiable freeze is the realistic first step",       # the title
                  "Why a verifiable freeze beats demands",                 # the summary
                  "Ann Analyst", "4 March 2021", "Updated 6 May 2021",      # authors and dates
                  "What this brief claims",
                  "A freeze of North Korea's nuclear programme can be verified by inspectors.",  # a claim
                  "Positions this brief answers", "Rapid disarmament is achievable within a year.",
                  "The hawks", "No state has given up a tested arsenal that fast",  # the rebuttal
                  "Sources", "Verification of nuclear freezes", "International Atomic Energy Agency",
                  "Notes", "The footnote's text, printed with the brief.",
                  "Inspectors verified the 1994 freeze for eight years."):  # a quotation
        assert shown in text, shown
    assert "[1]" in text and "[2]" in text  # numbered citations: the body's [@iaea-report] and the rebuttal's
    assert "1 / 1" in text  # the page number of the page count


def test_citation_numbers_match_the_source_list(built: Path) -> None:
    text = pdf_text(built / FREEZE_PDF)
    sources = text[text.rindex("Sources"):]
    assert sources.index("[1] Verification of nuclear freezes") < sources.index("[2] تقرير")
    # the footnote mark is a bare number, so that it is never read as a citation
    assert "know.1" in text.replace(" ", "")


def test_text_in_korean_and_arabic_is_printed_with_glyphs(built: Path) -> None:
    text = pdf_text(built / FREEZE_PDF)
    assert KOREAN in text
    assert ARABIC in text
    assert "김민준" in text
    reader = pdf_reader(built / FREEZE_PDF)
    fonts = {str(font.get_object()["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert len(fonts) >= 2  # Latin text and Hangul do not come from one font on any system we know
    assert all(font.get_object()["/FontDescriptor"] for page in reader.pages
               for font in page["/Resources"]["/Font"].values()
               for font in font.get_object()["/DescendantFonts"])  # embedded, not left to the reader


def test_links_are_absolute_with_a_base_url_and_citations_link_inside_the_pdf(built: Path) -> None:
    uris, inside = link_targets(pdf_reader(built / FREEZE_PDF))
    base = "https://example.org/policy/"
    assert f"{base}claims/freeze-verifiable/" in uris
    assert f"{base}actors/hawks/" in uris
    assert f"{base}briefs/relief/" in uris  # a cross-link in the body
    assert f"{base}briefs/freeze/" in uris  # "Online:"
    assert f"{base}sources/iaea-report/" in uris
    assert LONG_URL in uris
    assert all(uri.startswith(("https://", "http://", "mailto:")) for uri in uris)
    assert {"source-iaea-report", "source-arabic-source", "fn1"} <= inside


def test_the_pdf_is_tagged_pdf_ua_with_title_author_and_language(built: Path) -> None:
    reader = pdf_reader(built / FREEZE_PDF)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    roles = tag_roles(reader)
    assert {"/H1", "/H2", "/P", "/L", "/LI", "/Link", "/Table"} <= roles, roles
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "A verifiable freeze is the realistic first step"
    assert meta.author == "Ann Analyst, 김민준"
    assert meta["/CreationDate"] == "D:20210304" and meta["/ModDate"] == "D:20210506"  # the brief's dates
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfuaid:part="1"' in xmp
    assert "A verifiable freeze is the realistic first step" in xmp and "김민준" in xmp


def test_the_brief_page_links_to_its_pdf_with_its_size(built: Path) -> None:
    tree = parse_html(built / "briefs/freeze/index.html")
    [alternate] = tree.findall(".//link[@type='application/pdf']")
    assert alternate.get("rel") == "alternate"
    assert (built / "briefs/freeze" / alternate.get("href")).resolve() == (built / FREEZE_PDF).resolve()
    [link] = [a for a in tree.iter("a") if (a.text or "").strip() == "Download PDF"]
    assert (built / "briefs/freeze" / link.get("href")).resolve() == (built / FREEZE_PDF).resolve()
    size = size_text((built / FREEZE_PDF).stat().st_size)
    assert size and f"({size})" in "".join(tree.find(".//p[@class='brief-pdf']").itertext())
    # nothing else links to a PDF, and no other page has one
    assert not parse_html(built / "claims/freeze-verifiable/index.html").findall(".//link[@type='application/pdf']")
    assert sorted(p.relative_to(built).as_posix() for p in built.rglob("*.pdf")) == [
        "briefs/freeze/freeze.pdf", "briefs/relief/relief.pdf"]


def test_without_a_base_url_links_are_those_of_the_page_beside_the_pdf(tmp_path: Path) -> None:
    site = print_site(tmp_path / "site", CONFIG.replace("base_url: https://example.org/policy/\n", ""))
    Engine(site, BuildOptions(keep=False)).build()
    uris, _inside = link_targets(pdf_reader(site / "output" / FREEZE_PDF))
    assert "../../claims/freeze-verifiable/" in uris and "../relief/" in uris
    out = site / "output"
    pages = {index.parent.relative_to(out).as_posix() for index in out.rglob("index.html")}
    assert all(posixpath.normpath(f"briefs/freeze/{uri}") in pages for uri in uris if "//" not in uri)
    assert "Online:" not in pdf_text(site / "output" / FREEZE_PDF)


def test_pdfs_are_off_by_default_and_on_with_the_option(tmp_path: Path) -> None:
    site = print_site(tmp_path / "site", CONFIG.replace("pdf: true\n", ""))
    Engine(site, BuildOptions(keep=False)).build()
    assert not list((site / "output").rglob("*.pdf"))
    assert not parse_html(site / "output/briefs/freeze/index.html").findall(".//link[@type='application/pdf']")
    assert main(["build", str(site), "-q", "--pdf", "-o", str(tmp_path / "with")]) == 0
    assert (tmp_path / "with" / FREEZE_PDF).is_file()
    on = print_site(tmp_path / "on")
    assert main(["build", str(on), "-q", "--no-pdf"]) == 0
    assert not list((on / "output").rglob("*.pdf"))


def test_identical_input_gives_identical_bytes_serial_or_parallel(tmp_path: Path) -> None:
    site = print_site(tmp_path / "site")
    for i in range(10):  # enough PDFs to print them on several processes
        (site / f"content/briefs/extra-{i}.md").write_text(
            f"---\ntitle: Extra {i}\ndate: 2021-01-{i + 1:02d}\nauthors: [Ann Analyst]\nsummary: Extra.\n---\n"
            f"Extra brief {i}, in [Korean]{{claim=korean-claim}}.\n", encoding="utf-8")
    Engine(site, BuildOptions(output=tmp_path / "a", keep=False, jobs=1)).build()
    Engine(site, BuildOptions(output=tmp_path / "b", keep=False, jobs=4)).build()
    a = sorted((tmp_path / "a").rglob("*.pdf"))
    assert len(a) == 12
    for path in a:
        assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes(), path


class _Counting(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]]

    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def counting_server() -> Iterator[tuple[str, list[str]]]:
    requests: list[str] = []
    handler = type("Handler", (_Counting,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", requests
    finally:
        server.shutdown()
        server.server_close()


def test_printing_fetches_nothing_an_image_shows_its_alternative_text(
        tmp_path: Path, counting_server: tuple[str, list[str]]) -> None:
    url, requests = counting_server
    site = print_site(tmp_path / "site")
    freeze = site / "content/briefs/freeze.md"
    freeze.write_text(freeze.read_text(encoding="utf-8").replace("http://127.0.0.1:9/", url), encoding="utf-8")
    # jobs=1: the build runs here while the server's thread runs, which no build may fork beside
    Engine(site, BuildOptions(keep=False, jobs=1)).build()
    assert requests == []
    assert "A chart of warheads" in pdf_text(site / "output" / FREEZE_PDF)


def test_without_weasyprint_check_and_build_say_how_to_install_it(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # what an environment without the extra has
    site = print_site(tmp_path / "site")
    _graph, problems = check(site)
    [problem] = [p for p in problems if p.is_error]
    assert (problem.path, problem.line, problem.code) == ("briefgen.yaml", 4, "pdf")
    assert "pip install 'briefgen[pdf]'" in problem.hint
    with pytest.raises(BuildFailed):
        Engine(site, BuildOptions(keep=False)).build()
    assert not (site / "output").exists()
    assert main(["build", str(site), "-q"]) == 1
    off = print_site(tmp_path / "off", CONFIG.replace("pdf: true\n", ""))
    assert main(["build", str(off), "-q"]) == 0  # a site without PDFs never needs it
    assert main(["build", str(off), "-q", "--pdf", "-o", str(tmp_path / "o")]) == 1


def test_a_broken_print_template_is_a_located_error(tmp_path: Path) -> None:
    site = print_site(tmp_path / "site")
    (site / "templates").mkdir()
    (site / "templates/pdf.html").write_text("<html><body>{{ view.no_such_field }}</body></html>\n",
                                             encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        Engine(site, BuildOptions(keep=False)).build()
    [problem] = failed.value.problems
    assert problem.path.endswith("pdf.html") and "no_such_field" in problem.message


@pytest.mark.parametrize(("size", "text"), [(0, ""), (1, "1 KB"), (38_307, "38 KB"), (999_499, "999 KB"),
                                            (1_250_000, "1.2 MB")])
def test_size_text(size: int, text: str) -> None:
    assert size_text(size) == text


def test_the_printer_reads_no_file_a_page_names(tmp_path: Path) -> None:
    from PIL import Image

    from briefgen.render.pdf import Printer

    picture = tmp_path / "secret.png"
    Image.new("RGB", (40, 40), "red").save(picture)
    html = (f'<!doctype html><html lang="en"><head><title>T</title><link rel="stylesheet" href="{picture.as_uri()}">'
            f'<link rel="attachment" href="{picture.as_uri()}"></head><body><h1>T</h1>'
            f'<img src="{picture.as_uri()}" alt="the picture"><img src="secret.png" alt="beside it"></body></html>')
    reader = pypdf.PdfReader(BytesIO(Printer().print(html, tmp_path.as_uri() + "/")))
    resources = reader.pages[0]["/Resources"]
    assert "/XObject" not in resources or not any(
        x.get_object()["/Subtype"] == "/Image" for x in resources["/XObject"].values())
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
    assert "the picture" in reader.pages[0].extract_text()


def test_a_pdf_does_not_depend_on_what_its_process_printed_before() -> None:
    from briefgen.render.pdf import Printer

    first = '<html lang="ko"><head><title>가</title></head><body><h1>북한</h1><p>مرحبا</p></body></html>'
    second = '<html lang="en"><head><title>B</title></head><body><h1>Second</h1><p>Text, and 핵무기.</p></body></html>'
    used = Printer()
    used.print(first, "")
    assert used.print(second, "") == Printer().print(second, "")
