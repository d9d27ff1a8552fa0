"""briefgen import: the seed article and Hugo/Jekyll Markdown, end to end."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from briefgen.cli import main
from briefgen.engine import BuildOptions, check
from tests.conftest import parse_html

SEED_TEXT = (Path(__file__).parent / "data" / "hanoi-summit.txt").read_text(encoding="utf-8")
TITLE = "North Korean disarmament isn't going to happen"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    assert main(["init", str(root), "-q"]) == 0
    return root


def _front_and_body(path: Path) -> tuple[dict, str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def test_import_of_the_seed_article(site: Path, tmp_path: Path) -> None:
    article = tmp_path / "hanoi-summit.txt"
    article.write_text(SEED_TEXT, encoding="utf-8")
    assert main(["import", str(article), str(site), "--title", TITLE, "-q"]) == 0
    path = site / "content" / "briefs" / "north-korean-disarmament-isnt-going-to-happen.md"
    front, body = _front_and_body(path)
    assert front["title"] == TITLE and front["draft"] is True
    assert front["summary"].startswith("TODO")
    prefix = "north-korean-disarmament-isnt-going-to-"  # placeholder ids are the brief's own
    assert [s["id"] for s in front["sources"]] == [f"{prefix}quote-1", f"{prefix}quote-2"]
    assert [c["id"] for c in front["claims"]] == [f"{prefix}main-claim"]
    assert all(s["title"].startswith("TODO") for s in front["sources"])
    # Every paragraph of the article is kept, in order.
    paragraphs = [p for p in SEED_TEXT.split("\n\n") if p.strip()]
    positions = [body.find(p.strip()[:60]) for p in paragraphs]
    assert all(pos >= 0 for pos in positions) and positions == sorted(positions)

    # check names every TODO; the draft builds with --drafts and shows the quotations as blockquotes.
    _graph, problems = check(site, BuildOptions(drafts=True))
    todos = [p for p in problems if p.code == "todo"]
    assert len(todos) == 5 and all(p.path.endswith(path.name) and p.line > 0 for p in todos)
    assert not [p for p in problems if p.is_error]
    assert main(["build", str(site), "--drafts", "-q"]) == 0
    page = parse_html(site / "output" / "briefs" / path.stem / "index.html")
    quotes = page.findall(".//blockquote")
    assert len(quotes) == 2
    assert "One of the officials said" in "".join(quotes[0].itertext())
    second = "".join(quotes[1].itertext())
    assert "Hawks such as Bolton" in second and "Bolton has fretted privately" in second
    assert "Bolton has never wanted" not in second
    assert all(q.find(".//a[@href]") is not None for q in quotes)  # the placeholder citation links


def test_filled_todos_publish(site: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("An op-ed\n\nBy Jane Doe\n\nThe minister said:\n\nWe will not move.\n\nShe is wrong.\n")
    assert main(["import", str(article), str(site), "-q"]) == 0
    path = site / "content" / "briefs" / "an-op-ed.md"
    front, body = _front_and_body(path)
    assert front["authors"] == ["Jane Doe"]
    assert "> We will not move. [@an-op-ed-quote-1]" in body
    text = path.read_text()
    text = text.replace("draft: true\n", "draft: false\ndate: 2024-05-01\n", 1)
    path.write_text(text)
    assert main(["build", str(site), "-q"]) == 1  # TODOs left in a brief to publish are errors
    text = (text.replace('"TODO: one or two sentences for listings, feeds and search"', "A reply.")
            .replace('"TODO: the main claim, in one sentence"', "The minister is wrong.")
            .replace("TODO: the source of the quotation on line 7 (We will not move.)", "Minister's speech"))
    path.write_text(text)
    assert main(["build", str(site), "-q"]) == 0
    assert (site / "output" / "briefs" / "an-op-ed" / "index.html").is_file()


def test_an_article_without_a_heading_takes_a_title_marked_todo(site: Path, tmp_path: Path) -> None:
    article = tmp_path / "sanctions-relief.txt"
    article.write_text("A first paragraph that ends with a full stop.\n\nAnother.\n")
    assert main(["import", str(article), str(site), "-q"]) == 0
    path = site / "content" / "briefs" / "sanctions-relief.md"
    front, body = _front_and_body(path)
    assert front["title"] == "TODO: Sanctions relief"  # from the file name, to be checked
    assert "A first paragraph that ends with a full stop." in body
    _graph, problems = check(site, BuildOptions(drafts=True))
    assert [p.line for p in problems if p.code == "todo" and "Sanctions relief" in p.message]
    # No usable file name: the first sentence.
    untitled = tmp_path / "untitled.txt"
    untitled.write_text("Sanctions will not move Pyongyang. Everything else follows.\n")
    assert main(["import", str(untitled), str(site), "-q"]) == 0
    front, _body = _front_and_body(site / "content" / "briefs" / "sanctions-will-not-move-pyongyang.md")
    assert front["title"] == "TODO: Sanctions will not move Pyongyang"


def test_import_refuses_to_overwrite(site: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("# Welcome to your briefs\n\nText.\n")
    before = (site / "content" / "briefs" / "welcome.md").read_text()
    (site / "content" / "briefs" / "welcome-to-your-briefs.md").write_text(before)
    assert main(["import", str(article), str(site), "-q"]) == 2
    assert (site / "content" / "briefs" / "welcome-to-your-briefs.md").read_text() == before


def test_import_maps_hugo_and_jekyll_front_matter(site: Path, tmp_path: Path) -> None:
    article = tmp_path / "post.md"
    article.write_text(
        "---\ntitle: Sanctions, again\ndate: 2019-02-21T09:00:00Z\ntags: [sanctions]\n"
        "categories: [North Korea, sanctions]\nauthor: Jane Doe\ndescription: Why they fail.\nlayout: post\n---\n"
        "# A heading in the body\n\nShe wrote:\n\nSanctions work.\n\n> An existing blockquote.\n\n"
        "“We will never give up our weapons, whatever the pressure,” Kim said.\n")
    assert main(["import", str(article), str(site), "-q"]) == 0
    front, body = _front_and_body(site / "content" / "briefs" / "sanctions-again.md")
    assert front["title"] == "Sanctions, again"
    assert front["date"].date() == dt.date(2019, 2, 21) and front["date"].hour == 9  # the time is kept
    assert front["topics"] == ["sanctions", "North Korea"]
    assert front["authors"] == ["Jane Doe"] and front["summary"] == "Why they fail."
    assert "layout" not in front
    assert "> Sanctions work. [@sanctions-again-quote-1]" in body
    assert "> An existing blockquote. [@sanctions-again-quote-2]" in body
    assert "> — Kim [@sanctions-again-quote-3]" in body
    assert main(["build", str(site), "--drafts", "-q"]) == 0


def test_plain_text_is_escaped_so_it_reads_the_same(site: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Title here\n\n# not a heading, *not emphasis*, [@not-a-citation] <b>x</b>\n")
    assert main(["import", str(article), str(site), "-q"]) == 0
    assert main(["build", str(site), "--drafts", "-q"]) == 0
    page = parse_html(site / "output" / "briefs" / "title-here" / "index.html")
    body = page.find(".//div[@class='prose brief-body']")
    text = "".join(body.itertext())
    assert "# not a heading, *not emphasis*, [@not-a-citation] <b>x</b>" in text


def test_import_rejects_a_slug_that_is_not_an_id(site: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("# T\n\nText.\n")
    assert main(["import", str(article), str(site), "--slug", "../../evil", "-q"]) == 2
    assert not (tmp_path / "evil.md").exists() and not (site / "evil.md").exists()


def test_a_title_that_merely_starts_with_todo_is_not_a_todo(scratch_site) -> None:
    site = scratch_site({"content/briefs/a.md": "---\ntitle: TODO lists considered harmful\ndate: 2020-01-01\n"
                                                "summary: S.\n---\nBody.\n"})
    _graph, problems = check(site, BuildOptions())
    assert not [p for p in problems if p.code == "todo"]
