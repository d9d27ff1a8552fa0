"""Search in a real browser: a small site in several scripts, served from a sub-path by a plain static server."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import write_site
from test_browser_serve import CHROMIUM, CHROMIUM_ARGS, WAIT_MS

from briefgen.engine import BuildOptions, build
from briefgen.render.search_text import query_terms
from tests.serving import static_server

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="needs Debian's chromium")

SITE = {
    "briefgen.yaml": "title: Briefs in many scripts\n",
    "content/authors.yaml": """\
        - id: mohamed-elbaradei
          name: محمد البرادعي
        """,
    "content/briefs/korea.md": """\
        ---
        title: 북한 비핵화는 일어나지 않는다
        date: 2019-02-20
        authors: [Daniel Larison]
        topics: [North Korea]
        summary: 하노이 정상회담을 앞두고, 북한은 핵무기를 포기하지 않을 것이다.
        claims:
          - id: nk-keeps-arsenal
            text: North Korea will keep its nuclear arsenal.
            sources: [obs]
        sources:
          - id: obs
            title: An observation of sanctioned regimes
            kind: report
        ---
        The body mentions zebras, which search must not find.
        """,
    "content/briefs/verification.md": """\
        ---
        title: Verification before sanctions relief
        date: 2019-03-01
        authors: [محمد البرادعي]
        topics: [Nuclear disarmament]
        summary: "Inspectors first 🤝 then relief: Ядерное разоружение needs <b>proof</b>."
        claims:
          - id: sanctions-fail
            text: Санкции не остановят ядерную программу.
            sources: [obs]
          - id: beijing-phased
            text: 北京支持分阶段的外交。
            sources: [obs]
        counterclaims:
          - id: nk-keeps-arsenal
            opposes: sanctions-fail
            rebuttal: Not so.
        ---
        Body.
        """,
    "content/briefs/steps.md": "---\ntitle: Twenty-two small steps\ndate: 2018-01-01\nsummary: Many claims.\nclaims:\n"
                               + "".join(f"  - id: step-{n}\n    text: Step {n} of the freeze is verifiable.\n"
                                         f"    sources: [obs]\n" for n in range(1, 23))
                               + "---\nBody.\n",
}



@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site, served under /sub/ on a free loopback port by a thread stopped afterwards."""
    root = tmp_path_factory.mktemp("search-site")
    site = write_site(root / "site", SITE)
    www = root / "www"
    build(site, BuildOptions(output=www / "sub", jobs=1))
    with static_server(www) as url:
        yield f"{url}sub/"


@pytest.fixture
def page() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page()
            errors: list[str] = []
            tab.on("pageerror", lambda error: errors.append(str(error)))
            yield tab
            assert errors == []
        finally:
            browser.close()


def results(page: Any) -> list[dict[str, str]]:
    """The results list as shown; `path` is where each link leads, from the site's root (the form's data-root)."""
    return page.evaluate("""() => {
        const root = new URL(document.getElementById('search-form').dataset.root, location.href).href;
        return [...document.querySelectorAll('#search-results > li')].map((li) => ({
            kind: li.querySelector('.search-kind').textContent,
            title: li.querySelector('.search-title a').textContent,
            path: li.querySelector('.search-title a').href.replace(root, ''),
            excerpt: li.querySelector('.search-excerpt')?.textContent ?? '',
        }));
    }""")


def search(page: Any, query: str) -> list[dict[str, str]]:
    """Type `query` as a user would and wait (boundedly) for its answer in the live region."""
    box = page.locator("#search-input")
    box.fill("")
    box.press_sequentially(query, delay=20)
    page.wait_for_function("(q) => document.getElementById('search-status').textContent.includes(`“${q}”`)",
                           arg=query.strip(), timeout=WAIT_MS)
    return results(page)


def test_search_finds_records_in_every_script(site_url: str, page: Any) -> None:
    page.goto(site_url + "search/")
    assert page.locator("label[for=search-input]").inner_text() == "Words to look for"

    found = search(page, "sanc")  # a Latin prefix, as typed
    assert [r["title"] for r in found[:1]] == ["Verification before sanctions relief"]
    assert "An observation of sanctioned regimes" in {r["title"] for r in found}
    assert page.locator("#search-status").inner_text().startswith(f"{len(found)} results for")
    verification = found[0]
    assert verification["kind"] == "Brief · 1 March 2019" and verification["path"] == "briefs/verification/"
    assert "<b>proof</b>" in verification["excerpt"]  # user text shown as text
    assert page.locator("#search-results b").count() == 0
    assert page.locator("#search-results mark").first.inner_text() == "sanctions"

    found = search(page, "비핵화")  # a Korean word
    assert [(r["title"], r["path"]) for r in found] == [("북한 비핵화는 일어나지 않는다", "briefs/korea/")]

    found = search(page, "keep nuclear arsenal")  # a claim's words: the claim first, then briefs that make or answer it
    assert found[0] == {"kind": "Claim · contested", "title": "North Korea will keep its nuclear arsenal.",
                        "path": "claims/nk-keeps-arsenal/", "excerpt": "Asserted in 1 brief; answered in 1 brief."}
    assert {r["path"] for r in found[1:]} == {"briefs/korea/", "briefs/verification/"}

    assert [r["path"] for r in search(page, "САНКЦИИ")] == ["claims/sanctions-fail/", "briefs/verification/"]
    assert [r["path"] for r in search(page, "北京")][:1] == ["claims/beijing-phased/"]
    assert [r["path"] for r in search(page, "محمد")] == ["briefs/verification/"]
    assert search(page, "zebras") == []
    assert page.locator("#search-status").inner_text() == "No results for “zebras”."
    assert search(page, "🤝") == []

    # The result links work from the sub-path.
    page.locator("#search-input").fill("")
    search(page, "observation")
    page.locator("#search-results a").first.click()
    page.wait_for_url("**/sub/sources/obs/", timeout=WAIT_MS)


def test_the_query_in_the_address_runs_on_load_and_typing_updates_it(site_url: str, page: Any) -> None:
    page.goto(site_url + "search/?q=arsenal")
    page.wait_for_function("() => document.querySelectorAll('#search-results > li').length > 0", timeout=WAIT_MS)
    assert page.locator("#search-input").input_value() == "arsenal"
    assert results(page)[0]["path"] == "claims/nk-keeps-arsenal/"
    search(page, "verif")
    assert page.url.endswith("/sub/search/?q=verif")
    # Keyboard: down from the box reaches the first result.
    page.locator("#search-input").press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == "Verification before sanctions relief"


def test_more_results_come_twenty_at_a_time(site_url: str, page: Any) -> None:
    page.goto(site_url + "search/")
    found = search(page, "freeze step")  # 22 claims with both words in the title, then the brief that makes them
    assert len(found) == 20 and found[0]["title"] == "Step 1 of the freeze is verifiable."
    assert page.locator("#search-status").inner_text() == "23 results for “freeze step”; showing the first 20."
    more = page.get_by_role("button", name="More results")
    more.click()
    page.wait_for_function("() => document.querySelectorAll('#search-results > li').length === 23", timeout=WAIT_MS)
    assert page.locator("#search-status").inner_text() == "23 results for “freeze step”."
    assert not more.is_visible()
    assert page.evaluate("document.activeElement.textContent") == results(page)[20]["title"]  # the first new one
    assert results(page)[-1]["title"] == "Twenty-two small steps"


def test_the_browser_finds_the_same_terms_as_python(site_url: str, page: Any) -> None:
    page.goto(site_url + "search/")
    texts = ["Straße ＦＵＬＬ ﬁne", "ΟΔΟΣ Αθήνα Ἀθῆναι", "İstanbul", "Ꮳ ꮳ", "ᾳ ῼ", "Café naïve cafe\u0301",
             "북한의 비핵화", "北京大学 北", "ｶﾞｽ", "𠀀𠀁 𠀀", "مُحَمَّد البرادعي", "Санкции, ёлка й",
             "हिन्दी भाषा", "ภาษาไทย", "Deal 🤝 done 👍🏽 1️⃣", "snake_case isn’t", "x\u200dy", "iPhone用户 abc"]
    in_browser = page.evaluate("""async (texts) => {
        const search = await import(new URL('../assets/search.js', location.href).href);
        return texts.map((t) => search.queryTerms(t));
    }""", texts)
    assert in_browser == [[[q.term, q.prefix] for q in query_terms(t)] for t in texts]
