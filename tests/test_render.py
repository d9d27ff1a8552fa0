"""Rendering through the default theme and a site's own templates."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINIMAL_BRIEF, parse_html, write_site

from briefgen.engine import build
from briefgen.errors import BuildFailed

EVIL = '<script>alert("x")</script>'


def test_site_template_overrides_and_extends_the_default(tmp_path: Path) -> None:
    site = write_site(tmp_path / "s", {
        "content/briefs/a.md": MINIMAL_BRIEF,
        "templates/brief.html": '{% extends "default/brief.html" %}'
                                '{% block main %}<p id="custom">mine</p>{{ super() }}{% endblock %}',
        "templates/static/extra.css": "p{}",
        "static/robots.txt": "User-agent: *\n",
    })
    build(site)
    tree = parse_html(site / "output/briefs/a/index.html")
    assert [el.text for el in tree.iter("p") if el.get("id") == "custom"] == ["mine"]
    assert any(el.get("id") == "brief-title" for el in tree.iter("h1")), "the default's block is still there"
    assert (site / "output/assets/extra.css").is_file() and (site / "output/assets/style.css").is_file()
    assert (site / "output/robots.txt").read_text() == "User-agent: *\n"


def test_user_text_is_escaped_everywhere(tmp_path: Path) -> None:
    brief = MINIMAL_BRIEF.replace("A minimal brief", f"'{EVIL}'").replace("The sky is blue.", f"'{EVIL}'")
    brief = brief.replace("summary: Short.", f"summary: '{EVIL}'\ntopics: ['{EVIL}x']\nauthors: ['{EVIL}']")
    site = write_site(tmp_path / "s", {"content/briefs/a.md": brief})
    build(site)
    for page in (site / "output").rglob("*.html"):
        tree = parse_html(page)
        for script in tree.iter("script"):
            if script.get("src"):  # the theme's own script files, never content
                assert script.get("src").endswith(("assets/search.js", "assets/cite.js")), page
                continue
            assert script.get("type") == "application/ld+json", page
            assert "alert" not in (script.text or "") or "</script" not in (script.text or "")
        assert not [el for el in tree.iter() if any(name.startswith("on") for name in el.attrib)], page
    brief_page = parse_html(site / "output/briefs/a/index.html")
    (title,) = [el for el in brief_page.iter("h1")]
    assert "".join(title.itertext()) == EVIL, "shown as text, not markup"


def test_a_broken_template_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    site = write_site(tmp_path / "s", {
        "content/briefs/a.md": MINIMAL_BRIEF,
        "templates/claim.html": "{% extends 'base.html' %}{% block main %}{{ view.no_such_field }}{% endblock %}",
    })
    with pytest.raises(BuildFailed) as info:
        build(site)
    (problem,) = info.value.problems
    assert problem.path.endswith("templates/claim.html") and problem.line == 1
    assert "no_such_field" in problem.message
    assert not (site / "output").exists(), "a failed build writes nothing"


def test_a_claim_disputed_in_many_briefs_names_a_few_and_counts_the_rest(tmp_path: Path) -> None:
    files = {"content/briefs/a.md": MINIMAL_BRIEF}
    for n in range(8):
        files[f"content/briefs/d{n}.md"] = (f"---\ntitle: Dissent {n}\ndate: 2020-02-0{n + 1}\nsummary: No.\n"
                                            "counterclaims:\n  - id: sky-is-blue\n    rebuttal: It is not.\n---\n")
    site = write_site(tmp_path / "s", files)
    build(site)
    tree = parse_html(site / "output/briefs/a/index.html")
    (item,) = [el for el in tree.iter("li") if el.get("id") == "claim-sky-is-blue"]
    (disputed,) = [p for p in item.iter("p") if p.get("class") == "contested-by"]
    hrefs = [a.get("href") for a in disputed.iter("a")]
    assert len(hrefs) == 6 and hrefs[-1] == "../../claims/sky-is-blue/"
    assert "3 more" in "".join(disputed.itertext())
    claim_page = parse_html(site / "output/claims/sky-is-blue/index.html")
    linked = {a.get("href") for a in claim_page.iter("a")}
    assert {f"../../briefs/d{n}/" for n in range(8)} <= linked, "the claim page lists every brief"


def test_every_view_type_a_template_can_reach_takes_the_sandbox_quick_path() -> None:
    """Reading a field of a registered view type skips the sandbox's checks (render/templates.py).
    A view type defined in a module left out of VIEW_MODULES still works, only slowly: a split of
    views.py once made cold builds a third slower that way. Walk every field of every page view."""
    import dataclasses
    import typing

    from briefgen.render import templates
    from briefgen.render import views as view_module

    registered = set(templates._view_types())
    seen: set[type] = set()
    todo = [cls for cls in vars(view_module).values() if isinstance(cls, type) and dataclasses.is_dataclass(cls)]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        for hint in typing.get_type_hints(cls).values():
            stack = [hint]
            while stack:
                t = stack.pop()
                stack.extend(typing.get_args(t))
                if isinstance(t, type) and dataclasses.is_dataclass(t):
                    todo.append(t)
    assert seen - registered == set()
