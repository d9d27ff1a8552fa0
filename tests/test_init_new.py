"""briefgen init and briefgen new, end to end through the command line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.authoring.scaffold import yaml_string
from briefgen.cli import main
from tests.conftest import parse_html


def test_init_creates_a_site_that_builds_at_once(tmp_path: Path) -> None:
    site = tmp_path / "mysite"
    assert main(["init", str(site), "-q"]) == 0
    for rel in ("briefgen.yaml", "content/briefs/welcome.md", "content/sources.yaml", "content/claims.yaml",
                "content/actors.yaml", "content/authors.yaml", ".gitignore", ".vscode/settings.json",
                ".briefgen/schema/brief.json"):
        assert (site / rel).is_file(), rel
    assert "output/" in (site / ".gitignore").read_text().splitlines()
    assert main(["build", str(site), "-q"]) == 0
    page = parse_html(site / "output" / "briefs" / "welcome" / "index.html")
    assert page.find(".//h1").text == "Welcome to your briefs"
    assert (site / "output" / "schema" / "brief.json").is_file()


def test_init_editor_settings_point_at_existing_schemas(tmp_path: Path) -> None:
    site = tmp_path / "s"
    assert main(["init", str(site), "-q"]) == 0
    settings = json.loads((site / ".vscode" / "settings.json").read_text())
    for schema, target in settings["yaml.schemas"].items():
        assert (site / schema).is_file(), schema
        assert (site / target).is_file(), target
    first = (site / "content" / "sources.yaml").read_text().splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    assert (site / "content" / first.split("=", 1)[1]).resolve().is_file()


def test_init_refuses_a_non_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["init", str(tmp_path)]) == 2
    assert "not empty" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_init_force_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "briefgen.yaml").write_text("title: Mine\n")
    assert main(["init", str(tmp_path), "--force"]) == 0
    assert (tmp_path / "briefgen.yaml").read_text() == "title: Mine\n"
    assert "kept existing briefgen.yaml" in capsys.readouterr().out
    assert (tmp_path / "content" / "briefs" / "welcome.md").is_file()


def test_new_writes_a_brief_from_the_template(tmp_path: Path) -> None:
    site = tmp_path / "s"
    assert main(["init", str(site), "-q"]) == 0
    assert main(["new", str(site), "Sanctions relief: can it buy time?", "-q"]) == 0
    path = site / "content" / "briefs" / "sanctions-relief-can-it-buy-time.md"
    front = yaml.safe_load(path.read_text().split("---\n")[1])
    assert front["title"] == "Sanctions relief: can it buy time?"
    assert front["date"] == dt.date.today()
    assert front["claims"] == [] and front["counterclaims"] == [] and front["sources"] == []
    assert "#    text: The claim in one sentence." in path.read_text()
    # A new brief is a draft: its instructions must not go live by accident.
    assert front["draft"] is True
    assert main(["build", str(site), "-q"]) == 0
    assert not (site / "output" / "briefs" / "sanctions-relief-can-it-buy-time").exists()
    assert main(["build", str(site), "--drafts", "-q"]) == 0
    assert (site / "output" / "briefs" / "sanctions-relief-can-it-buy-time" / "index.html").is_file()


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "s"
    main(["init", str(site), "-q"])
    path = site / "content" / "briefs" / "welcome-to-your-briefs.md"
    path.write_text("my words")
    assert main(["new", str(site), "Welcome to your briefs"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_text() == "my words"


def test_new_outside_a_site_and_without_a_usable_slug(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path), "A title"]) == 2
    assert "not a briefgen site" in capsys.readouterr().err
    main(["init", str(tmp_path / "s"), "-q"])
    assert main(["new", str(tmp_path / "s"), "¿¡!?"]) == 2
    assert "--slug" in capsys.readouterr().err
    assert main(["new", str(tmp_path / "s"), "too", "many", "words"]) == 2


@pytest.mark.parametrize("command", ["build", "init", "new", "import"])
def test_every_command_has_help_with_examples(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert "examples:" in out and f"briefgen {command}" in out


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_any_text_written_as_a_yaml_string_reads_back_as_itself(text: str) -> None:
    # Every command that writes front matter (new, import, Argdown import) quotes values so.
    assert yaml.safe_load(f"key: {yaml_string(text)}") == {"key": text}
