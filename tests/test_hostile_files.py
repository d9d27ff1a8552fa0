"""Hostile sites: links out of the site folder are refused without their targets ever being read or
quoted, and a site's own templates cannot reach Python's internals from the sandbox."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefgen.authoring.scaffold import ScaffoldError, new_brief
from briefgen.cli import main
from briefgen.engine import check
from tests.conftest import MINIMAL_BRIEF, write_site

SECRET = "root:x:0:0:TOP-SECRET-LINE:/root:/bin/bash\n"
"""The target's contents: they must appear in no message and no output file."""


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the site, holding files a hostile site links to."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "passwd").write_text(SECRET, encoding="utf-8")
    (folder / "brief.md").write_text(MINIMAL_BRIEF.replace("A minimal brief", "TOP-SECRET-LINE brief")
                                     .replace("sky-is-blue", "secret-claim").replace("obs", "secret-source"),
                                     encoding="utf-8")
    (folder / "style.css").write_text("/* TOP-SECRET-LINE */", encoding="utf-8")
    (folder / "base.html").write_text("TOP-SECRET-LINE {{ site.title }}", encoding="utf-8")
    (folder / "dir").mkdir()
    (folder / "dir" / "x.md").write_text(MINIMAL_BRIEF, encoding="utf-8")
    return folder


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site", {"content/briefs/ok.md": MINIMAL_BRIEF})


LINKS = {
    # link in the site -> (target beside the site, the problem's code)
    "content/briefs/stolen.md": ("brief.md", "outside-site"),
    "content/sources.yaml": ("passwd", "outside-site"),
    "content/claims.yaml": ("passwd", "outside-site"),
    "content/sources.bib": ("passwd", "outside-site"),
    "briefgen.yaml": ("passwd", "outside-site"),
    "static/style.css": ("style.css", "outside-site"),
    "templates/base.html": ("base.html", "outside-site"),
    "templates/static/extra.css": ("style.css", "outside-site"),
    "content/briefs/folder": ("dir", "outside-site"),
}


def _link(site: Path, rel: str, target: Path) -> None:
    link = site / rel
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize("rel", sorted(LINKS))
def test_a_link_out_of_the_site_is_refused_at_its_path_and_never_read(
        rel: str, site: Path, outside: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target, code = LINKS[rel]
    _link(site, rel, outside / target)
    for args in (["check", str(site)], ["check", str(site), "--format", "json"],
                 ["build", str(site), "-o", str(tmp_path / "out"), "--no-cache"]):
        exit_code, printed = _run(args, capsys)
        assert exit_code == 1, printed
        assert "TOP-SECRET-LINE" not in printed
        assert rel in printed and "outside the site folder" in printed
    assert not (tmp_path / "out").exists()
    _graph, problems = check(site)
    refused = [p for p in problems if p.path == rel]
    assert [(p.code, p.line) for p in refused] == [(code, 0)]


def test_the_whole_content_folder_linked_out_is_refused(site: Path, outside: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    (site / "content").rename(outside / "content")
    (site / "content").symlink_to(outside / "content")
    exit_code, printed = _run(["check", str(site)], capsys)
    assert exit_code == 1
    assert "content: error: is a symbolic link to" in printed


def test_links_inside_the_site_are_followed(site: Path, tmp_path: Path) -> None:
    shared = write_site(site / "shared", {
        "brief.md": "---\ntitle: A linked brief\ndate: 2020-01-03\nsummary: Linked.\n---\nIt cites [@obs].\n",
        "extra.css": "body { color: red }",
    })
    _link(site, "content/briefs/linked.md", shared / "brief.md")
    _link(site, "static/extra.css", shared / "extra.css")
    out = tmp_path / "out"
    assert main(["build", str(site), "-o", str(out), "--no-cache", "-q"]) == 0
    assert "A linked brief" in (out / "briefs" / "linked" / "index.html").read_text(encoding="utf-8")
    assert (out / "extra.css").read_text(encoding="utf-8") == "body { color: red }"


def test_a_link_to_a_folder_inside_the_site_is_not_followed_and_says_so(site: Path) -> None:
    _link(site, "content/briefs/again", site / "content" / "briefs")
    graph, problems = check(site)
    assert graph is not None and sorted(graph.briefs) == ["ok"]
    assert [(p.path, p.code, p.severity.value) for p in problems if p.code == "folder-link"] == [
        ("content/briefs/again", "folder-link", "warning")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_link_to_a_pipe_is_refused_without_blocking(site: Path) -> None:
    os.mkfifo(site / "pipe")
    _link(site, "content/sources.yaml", site / "pipe")
    _graph, problems = check(site)
    assert [(p.path, p.code) for p in problems if p.is_error] == [("content/sources.yaml", "special-file")]


def test_new_refuses_to_write_through_a_folder_linked_out_of_the_site(site: Path, outside: Path) -> None:
    (site / "content" / "briefs").rename(outside / "briefs")
    (site / "content" / "briefs").symlink_to(outside / "briefs")
    with pytest.raises(ScaffoldError, match="outside the site folder"):
        new_brief(site, "A new brief")
    assert sorted(p.name for p in (outside / "briefs").iterdir()) == ["ok.md"]


SANDBOX_ESCAPES = [
    "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}",
    "{{ joiner.__init__.__globals__['os'].system('touch PWNED') }}",
    "{{ namespace.__init__.__globals__.os.popen('touch PWNED').read() }}",
    "{{ lipsum.__globals__['os'].popen('touch PWNED').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ ''|attr('__class__')|attr('__mro__') }}",
    "{{ (site|attr('__class__')).__init__.__globals__ }}",
    "{{ site.__class__.__init__.__globals__['__builtins__']['__import__']('os').popen('touch PWNED') }}",
    "{{ '{0.__class__.__init__.__globals__}'.format(site) }}",
    "{{ '%s'|format(cycler.__init__.__globals__) }}",
    "{{ url.__call__.__globals__ }}",
    "{{ brief_card.__globals__['os'] }}",
    "{% macro m() %}{{ caller.__init__.__globals__ }}{% endmacro %}{% call m() %}x{% endcall %}",
    "{% set x = self.__init__.__globals__ %}{{ x }}",
    "{{ config.__class__ }}{{ request }}",
    "{% for c in ().__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    "{{ view.__class__.__dict__ }}",
    "{{ getattr(site, '__class__') }}",
]


@pytest.mark.parametrize("payload", SANDBOX_ESCAPES)
def test_a_sites_template_cannot_escape_the_sandbox(payload: str, site: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_site(site, {"templates/home.html": '{% extends "default/home.html" %}{% block main %}'
                                              + payload + "{% endblock %}"})
    out = tmp_path / "out"
    exit_code, printed = _run(["build", str(site), "-o", str(out), "--no-cache"], capsys)
    assert exit_code == 1, printed
    assert not (tmp_path / "PWNED").exists() and not (site / "PWNED").exists()
    assert not out.exists()
    lines = [line for line in printed.splitlines() if ": error: " in line]
    assert len(lines) == 1 and "templates/home.html:1:" in lines[0], printed
    assert "uid=" not in printed and "<module 'os'" not in printed
