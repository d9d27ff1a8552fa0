"""PDFs through the engine: an edit prints again exactly the PDFs that show what it changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import parse_html
from pdfsites import CONFIG, pdf_text, print_site

from briefgen.engine import BuildOptions, BuildResult, Engine
from briefgen.render import outputs

FREEZE, RELIEF = "content/briefs/freeze.md", "content/briefs/relief.md"
FREEZE_PDF, RELIEF_PDF = "briefs/freeze/freeze.pdf", "briefs/relief/relief.pdf"


def edit(site: Path, rel: str, old: str, new: str) -> None:
    path = site / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def pdfs(result: BuildResult) -> set[str]:
    """The PDFs a build printed."""
    return {name for name in result.made if name.endswith(".pdf")}


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Engine]:
    site = print_site(tmp_path / "site")
    engine = Engine(site, BuildOptions(output=tmp_path / "out", keep=False, jobs=1))
    assert pdfs(engine.build()) == {FREEZE_PDF, RELIEF_PDF}
    return site, engine


def test_a_second_build_prints_nothing(built: tuple[Path, Engine]) -> None:
    _site, engine = built
    again = engine.build()
    assert not again.made and not again.stats.changed


def test_editing_one_brief_prints_only_its_pdf(built: tuple[Path, Engine]) -> None:
    site, engine = built
    out = engine.paths.output
    relief = (out / RELIEF_PDF).stat().st_mtime_ns
    edit(site, FREEZE, "The first step is", "The very first step is")
    result = engine.build()
    assert pdfs(result) == {FREEZE_PDF}
    assert FREEZE_PDF in result.stats.changed and RELIEF_PDF not in result.stats.changed
    assert (out / RELIEF_PDF).stat().st_mtime_ns == relief
    assert "The very first step is" in pdf_text(out / FREEZE_PDF)
    assert "briefs/freeze/" in result.made  # its page shows the new size


def test_a_claim_shown_in_another_brief_prints_that_brief_again(built: tuple[Path, Engine]) -> None:
    site, engine = built
    # relief's PDF shows freeze-verifiable's text under "Supports"
    edit(site, FREEZE, "can be verified by inspectors.", "can be checked by inspectors.")
    result = engine.build()
    assert pdfs(result) == {FREEZE_PDF, RELIEF_PDF}
    assert "can be checked by inspectors" in pdf_text(engine.paths.output / RELIEF_PDF)


def test_the_page_template_leaves_pdfs_alone_and_the_print_template_prints_them_all(
        built: tuple[Path, Engine]) -> None:
    site, engine = built
    out = engine.paths.output
    (site / "templates").mkdir()
    (site / "templates/brief.html").write_text('{% extends "default/brief.html" %}{% block main %}<p>Web.</p>'
                                               "{{ super() }}{% endblock %}\n", encoding="utf-8")
    result = engine.build()
    assert not pdfs(result) and {"briefs/freeze/", "briefs/relief/"} <= result.made
    (site / "templates/pdf.html").write_text('{% extends "default/pdf.html" %}{% block header %}{{ super() }}'
                                             "<p>Printed for the board.</p>{% endblock %}\n", encoding="utf-8")
    result = engine.build()
    assert pdfs(result) == {FREEZE_PDF, RELIEF_PDF}
    assert {"briefs/freeze/", "briefs/relief/"} <= result.made  # the sizes they show may have changed
    assert "Printed for the board." in pdf_text(out / FREEZE_PDF)
    size = (out / FREEZE_PDF).stat().st_size
    shown = "".join(parse_html(out / "briefs/freeze/index.html").find(".//p[@class='brief-pdf']").itertext())
    assert f"{round(size / 1000)} KB" in shown
    (site / "templates/pdf.css").write_text("body { color: #000; }\n", encoding="utf-8")  # the stylesheet
    assert pdfs(engine.build()) == {FREEZE_PDF, RELIEF_PDF}


def test_turning_pdfs_off_removes_them_and_their_links(built: tuple[Path, Engine]) -> None:
    site, engine = built
    out = engine.paths.output
    (site / "briefgen.yaml").write_text(CONFIG.replace("pdf: true", "pdf: false"), encoding="utf-8")
    result = engine.build()
    assert not list(out.rglob("*.pdf")) and FREEZE_PDF in result.stats.changed
    assert not parse_html(out / "briefs/freeze/index.html").findall(".//a[@type='application/pdf']")


def test_the_command_line_prints_again_only_a_pdf_deleted_from_the_output(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    site = print_site(tmp_path / "site")
    options = BuildOptions(jobs=1)  # kept state, as the command line keeps it
    assert pdfs(Engine(site, options).build()) == {FREEZE_PDF, RELIEF_PDF}
    (site / "output" / RELIEF_PDF).unlink()
    assert pdfs(Engine(site, options).build()) == {RELIEF_PDF}
    assert pdfs(Engine(site, options).build()) == set()


def test_pdfs_are_printed_on_several_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = print_site(tmp_path / "site")
    for i in range(12):
        (site / f"content/briefs/more-{i}.md").write_text(
            f"---\ntitle: More {i}\ndate: 2021-01-{i + 1:02d}\nsummary: More.\n---\nMore {i}.\n", encoding="utf-8")
    pids: list[int] = []
    real = outputs._print

    def spy(job: object, worker: object, page: object) -> bytes:
        pids.append(os.getpid())
        return real(job, worker, page)  # type: ignore[arg-type]

    monkeypatch.setattr(outputs, "_print", spy)
    result = Engine(site, BuildOptions(output=tmp_path / "out", keep=False, jobs=4)).build()
    assert len(pdfs(result)) == 14
    assert not pids  # the spy ran in the workers, whose lists are their own...
    assert len(list((tmp_path / "out").rglob("*.pdf"))) == 14  # ...and printed every PDF there
