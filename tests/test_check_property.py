"""Property: any front matter and any body give either a built site or problems, never an exception."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.engine import BuildOptions, build
from briefgen.errors import BuildFailed, Problem
from briefgen.load.fields import BRIEF_KEYS, CLAIM_KEYS, COUNTERCLAIM_KEYS, SOURCE_KEYS

IDS = st.sampled_from(["a", "b", "sky-is-blue", "obs", "A", "../x", "", "a b", "1"])
KEYS = st.one_of(st.sampled_from(sorted({*BRIEF_KEYS, *CLAIM_KEYS, *COUNTERCLAIM_KEYS, *SOURCE_KEYS})),
                 st.text(max_size=8))
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 3000), st.floats(allow_nan=True), st.text(max_size=20),
                    IDS, st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(KEYS, inner, max_size=5)), max_leaves=20)
FRONT = st.one_of(
    st.dictionaries(KEYS, VALUES, max_size=10).map(lambda d: yaml.safe_dump(d, allow_unicode=True)),
    VALUES.map(lambda v: yaml.safe_dump(v, allow_unicode=True)),
    st.text(max_size=200),  # not YAML at all, or broken YAML
    st.text(alphabet=":-[]{}&*!|>'\"#%@` \n\tabc", max_size=80),
)
BODY_PARTS = st.sampled_from([
    "[@obs]", "[@a; @b]", "[@", "[@x, p. 4]", "[words]{claim=sky-is-blue}", "[w]{claim=Bad}", "]{claim=",
    "[t](brief:a)", "[t](claim:)", "[t](topic:%ZZ)", "[t](source:obs#frag)", "<script>x</script>", "[^1]", "[^1]: n",
    "| a |\n| - |", "\n", "\n\n", "# h {#x}", "```", "*", "\x00", "\r", "\ufeff", "&#0;", "[x](javascript:1)",
])
BODY = st.lists(st.one_of(BODY_PARTS, st.text(max_size=15)), max_size=12).map("".join)
RAW_FILE = st.one_of(
    st.tuples(FRONT, BODY).map(lambda fb: f"---\n{fb[0]}\n---\n{fb[1]}".encode("utf-8", "surrogatepass")),
    st.binary(max_size=60),
)


def _write(root: Path, briefs: list[bytes], sources: str | None) -> Path:
    (root / "content" / "briefs").mkdir(parents=True)
    for index, data in enumerate(briefs):
        (root / "content" / "briefs" / f"brief-{index}.md").write_bytes(data)
    if sources is not None:
        (root / "content" / "sources.yaml").write_text(sources, encoding="utf-8", errors="surrogatepass")
    return root


def _assert_well_formed(problems: list[Problem] | tuple[Problem, ...], root: Path) -> None:
    for problem in problems:
        line = problem.format()
        assert "\n" not in line and "\x1b" not in line, line
        assert problem.message and problem.line >= 0 and problem.col >= 0
        assert (root / problem.path).is_file(), problem


@settings(max_examples=120, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(briefs=st.lists(RAW_FILE, min_size=1, max_size=3),
       sources=st.one_of(st.none(), VALUES.map(lambda v: yaml.safe_dump(v, allow_unicode=True))),
       drafts=st.booleans())
def test_any_content_gives_a_site_or_problems(briefs: list[bytes], sources: str | None, drafts: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = _write(Path(tmp) / "site", briefs, sources)
        out = Path(tmp) / "out"
        try:
            result = build(root, BuildOptions(output=out, drafts=drafts))
        except BuildFailed as failed:
            assert any(p.is_error for p in failed.problems)
            _assert_well_formed(failed.problems, root)
            assert not out.exists()
        else:
            _assert_well_formed(result.problems, root)
            assert (out / "index.html").is_file()


@settings(max_examples=60, deadline=None, database=None)
@given(front=st.dictionaries(st.sampled_from(BRIEF_KEYS), VALUES, max_size=8), body=BODY)
def test_well_formed_yaml_with_wrong_types_gives_located_problems(front: dict, body: str) -> None:
    """Valid YAML of any shape: every problem about the brief points into its front matter or body."""
    front.setdefault("title", "T")
    text = f"---\n{yaml.safe_dump(front, allow_unicode=True)}---\n{body}"
    with tempfile.TemporaryDirectory() as tmp:
        root = _write(Path(tmp) / "site", [text.encode("utf-8", "surrogatepass")], None)
        try:
            build(root, BuildOptions(output=Path(tmp) / "out"))
        except BuildFailed as failed:
            _assert_well_formed(failed.problems, root)
            lines = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))  # as load.read_text counts
            assert all(0 <= p.line <= lines for p in failed.problems), failed.problems
