"""The search index: terms in every script, the format read back by a small reader, determinism, size."""

from __future__ import annotations

import bisect
import datetime as dt
import json
import random
import re
import sys
import unicodedata
from collections.abc import Mapping
from pathlib import Path

import pytest

from briefgen import urls
from briefgen.model import (
    Actor,
    Author,
    Brief,
    BriefBody,
    BriefGraph,
    Claim,
    ClaimLinks,
    Counterclaim,
    Location,
    SiteConfig,
    Source,
    Topic,
)
from briefgen.render import search_text
from briefgen.render.deps import Reads, recording
from briefgen.render.search import SearchRecord, search_files, search_records
from briefgen.render.search_text import QueryTerm, index_terms, query_terms

SEARCH_JS = Path(__file__).resolve().parent.parent / "templates" / "static" / "search.js"


@pytest.mark.parametrize(("text", "terms"), [
    ("Maximum-pressure: U.S. sanctions (2019)", ["maximum", "pressure", "u", "s", "sanctions", "2019"]),
    ("snake_case isn’t “one” word…", ["snake", "case", "isn", "t", "one", "word"]),
    ("Straße ＦＵＬＬ ﬁne", ["strasse", "full", "fine"]),
    ("Café naïve", ["cafe", "naive"]),
    ("Cafe\u0301 nai\u0308ve", ["cafe", "naive"]),  # decomposed: the same terms
    ("Tiếng Việt", ["tieng", "viet"]),
    ("북한의 비핵화", ["북한", "한의", "의", "비핵", "핵화", "화"]),
    ("北京大学 北", ["北京", "京大", "大学", "学", "北"]),
    ("ｶﾞｽ", ["ガス", "ス"]),  # half-width kana: NFKC makes it full width
    ("𠀀𠀁", ["𠀀𠀁", "𠀁"]),  # beyond the BMP, by code point
    ("مُحَمَّد البرادعي", ["محمد", "البرادعي"]),  # harakat dropped
    ("Санкции НЕ работают, ёлка", ["санкции", "не", "работают", "елка"]),
    ("ΟΔΟΣ Αθήνα", ["οδοσ", "αθηνα"]),  # final sigma and accents fold
    ("हिन्दी भाषा", ["हिन्दी", "भाषा"]),  # vowel signs are part of the word
    ("Deal 🤝 done 👍🏽 1️⃣", ["deal", "done", "1"]),
    ("🤝🇰🇵", []),
    ("", []),
])
def test_index_terms_in_every_script(text: str, terms: list[str]) -> None:
    assert index_terms(text) == terms


@pytest.mark.parametrize(("query", "terms"), [
    ("north kor", [("north", False), ("kor", True)]),
    ("  Sanctions  ", [("sanctions", True)]),
    ("the the", [("the", False), ("the", True)]),
    ("北", [("北", True)]),
    ("北京", [("北京", True)]),
    ("北京 大学", [("北京", False), ("大学", True)]),
    ("비핵화", [("비핵", False), ("핵화", True)]),
    ("Ἀθῆναι", [("αθηναι", True)]),
    ("🤝", []),
])
def test_query_terms(query: str, terms: list[tuple[str, bool]]) -> None:
    assert query_terms(query) == [QueryTerm(t, p) for t, p in terms]


def test_letters_and_digits_are_exactly_unicode_l_and_n() -> None:
    """Python's re has no \\p{L}; search.js uses it, so the class standing in for it must be the same."""
    word = re.compile(r"[^\W_]")
    odd = [hex(c) for c in range(sys.maxunicode + 1)
           if bool(word.match(chr(c))) != (unicodedata.category(chr(c))[0] in "LN")]
    assert odd == []


def _js_class(name: str) -> set[int]:
    """The code points of a `const NAME = /[...]/` character class in search.js."""
    source = SEARCH_JS.read_text(encoding="utf-8")
    body = re.search(rf"const {name} = /\(?\[(.*?)\]", source)
    assert body, name
    chars: set[int] = set()
    tokens = re.findall(r"\\u\{([0-9a-f]+)\}|\\u([0-9a-f]{4})|(-)", body.group(1))
    values: list[int | str] = ["-" if dash else int(a or b, 16) for a, b, dash in tokens]
    i = 0
    while i < len(values):
        low = values[i]
        assert isinstance(low, int)
        if i + 2 < len(values) and values[i + 1] == "-":
            high = values[i + 2]
            assert isinstance(high, int)
            chars.update(range(low, high + 1))
            i += 3
        else:
            chars.add(low)
            i += 1
    return chars


def _ranges(ranges: tuple[tuple[int, int], ...]) -> set[int]:
    return {c for low, high in ranges for c in range(low, high + 1)}


def test_search_js_uses_the_same_tables() -> None:
    assert _js_class("STRIP") == _ranges(search_text.STRIP_RANGES)
    assert _js_class("NOSPACE") == _ranges(search_text.NOSPACE_RANGES)


def test_search_js_casefold_rule_is_pythons_casefold() -> None:
    """search.js folds as toLowerCase() and then two fix-ups; together they must be str.casefold()."""
    upper, round_trip = _js_class("CASEFOLD_UPPER"), _js_class("CASEFOLD_ROUND_TRIP")

    def js_fold(text: str) -> str:
        return "".join(c.upper() if ord(c) in upper else c.upper().lower() if ord(c) in round_trip else c
                       for c in text.lower())

    odd = [hex(c) for c in range(sys.maxunicode + 1) if chr(c).casefold() != js_fold(chr(c))]
    assert odd == []
    assert js_fold("ΟΔΟΣ") == "ΟΔΟΣ".casefold()  # lower() gives a final ς; casefold does not


# -- a reader of the format, as search.js reads it ------------------------------------------------

class Reader:
    """Finds records in the files search_files writes, by the rules search.js follows."""

    def __init__(self, files: Mapping[str, bytes]) -> None:
        assert all(p.startswith(urls.SEARCH_INDEX) for p in files)
        self.files = {p.removeprefix(urls.SEARCH_INDEX): json.loads(data) for p, data in files.items()}
        self.manifest = self.files["index.json"]

    @staticmethod
    def _key(term: str) -> bytes:
        return term.encode("utf-16-be")  # JavaScript's string order

    def _shards(self, term: str, prefix: bool) -> list[int]:
        firsts = [self._key(t) for t in self.manifest["termShards"]]
        at = bisect.bisect_right(firsts, self._key(term)) - 1
        if not prefix:
            return [at] if at >= 0 else []
        shards = [max(at, 0)]
        while shards[-1] + 1 < len(firsts) and self.manifest["termShards"][shards[-1] + 1].startswith(term):
            shards.append(shards[-1] + 1)
        return shards

    def matches(self, term: str, prefix: bool) -> dict[int, tuple[bool, bool]]:
        found: dict[int, tuple[bool, bool]] = {}
        for i in self._shards(term, prefix):
            shard = self.files[f"t{i}.json"]
            for name, deltas in zip(shard["terms"], shard["postings"], strict=True):
                if not (name.startswith(term) if prefix else name == term):
                    continue
                entry = 0
                for delta in deltas:
                    entry += delta
                    had = found.get(entry >> 1, (False, False))
                    found[entry >> 1] = (had[0] or bool(entry & 1), had[1] or name == term)
        return found

    def search(self, query: str) -> list[str]:
        """Paths of the matching records, best first."""
        sets = [self.matches(q.term, q.prefix) for q in query_terms(query)]
        if not sets:
            return []
        ranked = []
        for record in sets[0]:
            if all(record in s for s in sets):
                ranked.append((-sum(s[record][0] for s in sets), -sum(s[record][1] for s in sets), record))
        return [self.record(number)[0] for _, _, number in sorted(ranked)]

    def record(self, number: int) -> list[str]:
        firsts = self.manifest["recordShards"]
        shard = bisect.bisect_right(firsts, number) - 1
        row: list[str] = self.files[f"r{shard}.json"][number - firsts[shard]]
        return row


def _graph(body: str = "<p>Zebras graze.</p>") -> BriefGraph:
    here = Location("content/briefs/x.md", 1, 1)
    briefs = {
        "hanoi": Brief("hanoi", "Sanctions will not disarm North Korea", dt.date(2019, 2, 20), here,
                       authors=("larison",), topics=("north-korea",), summary="A limited deal is possible.",
                       claims=("nk-keeps-arsenal",), counterclaims=(Counterclaim("pressure-works"),)),
        "relief": Brief("relief", "북한 비핵화는 일어나지 않는다", dt.date(2019, 3, 1), here,
                        summary="Relief first, then sanctioned talks.", claims=("pressure-works",)),
    }
    bodies = {slug: BriefBody(body, len(body.split())) for slug in briefs}
    claims = {"nk-keeps-arsenal": Claim("nk-keeps-arsenal", "North Korea will keep its nuclear arsenal.", here),
              "pressure-works": Claim("pressure-works", "Maximum pressure forces a deal.", here)}
    links = {"nk-keeps-arsenal": ClaimLinks(asserted_in=("hanoi",), contested_by=("relief",)),
             "pressure-works": ClaimLinks(asserted_in=("relief",), answered_in=("hanoi",))}
    return BriefGraph(
        config=SiteConfig(language="en"), briefs=briefs, bodies=bodies, claims=claims,
        sources={"wapo": Source("wapo", "Trump and Kim prepare", here, publisher="The Washington Post", kind="news",
                                authors=("John Hudson",), note="On the sanctions relief debate.")},
        actors={"bolton": Actor("bolton", "John Bolton", here, role="National security adviser")},
        authors={"larison": Author("larison", "Daniel Larison")},
        topics={"north-korea": Topic("north-korea", "North Korea")},
        claim_links=links, source_links={}, actor_claims={}, topic_briefs={}, author_briefs={})


def index(graph: BriefGraph) -> dict[str, bytes]:
    return search_files(search_records(graph), graph.config.language)


def test_records_cover_briefs_claims_sources_and_actors() -> None:
    records = {r.path: r for r in search_records(_graph())}
    assert set(records) == {"briefs/hanoi/", "briefs/relief/", "claims/nk-keeps-arsenal/", "claims/pressure-works/",
                            "sources/wapo/", "actors/bolton/"}
    hanoi = records["briefs/hanoi/"]
    assert (hanoi.kind, hanoi.meta) == ("brief", "Brief · 20 February 2019")
    assert hanoi.excerpt == "A limited deal is possible."
    assert {"North Korea", "Daniel Larison", "Maximum pressure forces a deal."} <= set(hanoi.text.split("\n"))
    assert records["claims/nk-keeps-arsenal/"].meta == "Claim · contested"
    assert records["claims/pressure-works/"].meta == "Claim"
    assert records["actors/bolton/"].excerpt == "National security adviser"


def test_index_finds_words_prefixes_and_ranks_titles_first() -> None:
    reader = Reader(index(_graph()))
    # "sanctions" is in one title; "sanctioned" and "sanctions" in texts. Title first, then record order.
    assert reader.search("sanction") == ["briefs/hanoi/", "briefs/relief/", "sources/wapo/"]
    assert reader.search("sanctions") == ["briefs/hanoi/", "sources/wapo/"]  # not a prefix when followed by a word
    assert reader.search("sanctions ") == ["briefs/hanoi/", "sources/wapo/"]
    assert reader.search("nuclear arsenal") == ["claims/nk-keeps-arsenal/", "briefs/hanoi/"]
    assert reader.search("north deal") == ["briefs/hanoi/"]  # AND: both words
    assert reader.search("north zzz") == []
    assert reader.search("비핵화") == ["briefs/relief/"]
    assert reader.search("핵") == ["briefs/relief/"]
    assert reader.search("contested") == ["claims/nk-keeps-arsenal/"]
    assert reader.search("larison") == ["briefs/hanoi/"]
    assert reader.search("bolton adviser") == ["actors/bolton/"]
    assert reader.search("🤝") == []
    assert reader.record(0) == ["briefs/hanoi/", "brief", "Sanctions will not disarm North Korea",
                                "Brief · 20 February 2019", "A limited deal is possible."]


def test_a_whole_word_ranks_above_a_longer_word_it_starts() -> None:
    records = [SearchRecord("a/", "claim", "Dealers wait", "Claim", ""),
               SearchRecord("b/", "claim", "The deal", "Claim", "")]
    assert Reader(search_files(records, "en")).search("deal") == ["b/", "a/"]


def test_terms_are_in_javascripts_order_beyond_the_bmp() -> None:
    """U+FA0E sorts before U+20000 by code point, after it by UTF-16 code unit (what search.js compares)."""
    records = [SearchRecord(f"claims/{n}/", "claim", text, "Claim", "") for n, text in enumerate(["﨎", "𠀀", "x"])]
    files = search_files(records, "en")
    terms = [t for name, data in sorted(files.items()) if "/t" in name for t in json.loads(data)["terms"]]
    assert terms == sorted(terms, key=lambda t: t.encode("utf-16-be")) and terms.index("𠀀") < terms.index("﨎")
    reader = Reader(files)
    assert [reader.search(q) for q in ("﨎", "𠀀", "x")] == [["claims/0/"], ["claims/1/"], ["claims/2/"]]


def test_bodies_are_never_read_or_indexed() -> None:
    reads = Reads()
    files = index(recording(_graph(), reads))
    read = reads.table.decode(reads.take())
    assert read and not any(name == "bodies" for name, _key in read), "the search index read a brief's body"
    assert files == index(_graph(body="<p>Other words entirely.</p>"))
    assert Reader(files).search("zebras") == []


def test_output_is_identical_whatever_the_order_of_construction() -> None:
    records = search_records(_graph())
    shuffled = records[:]
    random.Random(4).shuffle(shuffled)
    assert search_files(shuffled, "en") == search_files(records, "en") == index(_graph())
    assert search_files(records, "ko") != search_files(records, "en")


def test_user_text_stays_data() -> None:
    nasty = 'Quote " back\\slash </script><img src=x onerror=alert(1)> \x00\x1f lone \ud800 surrogate'
    files = search_files([SearchRecord("briefs/x/", "brief", nasty, "Brief", nasty * 40, nasty)], "en")
    row = Reader(files).record(0)
    assert row[2].startswith('Quote " back\\slash </script><img') and "\ud800" not in row[2] and "\x00" not in row[2]
    assert len(row[4]) <= 280
    assert Reader(files).search("onerror") == ["briefs/x/"]


def _synthetic(briefs: int) -> list[SearchRecord]:
    """Records shaped like a site of `briefs` briefs (half as many claims, a quarter as many sources)."""
    rng = random.Random(7)
    words = ["sanctions", "summit", "arsenal", "verification", "pressure", "diplomacy", "relief", "treaty", "envoy",
             "declaration", "inspection", "missile", "deterrence", "negotiation", "freeze", "cap", "regime", "talks",
             "North", "Korea", "Iran", "China"]
    claims = [f"Claim {n} holds: {rng.choice(words)} shapes {rng.choice(words)}." for n in range(briefs // 2)]
    records = [SearchRecord(f"briefs/brief-{n:05d}/", "brief", f"Brief {n}: the case on {rng.choice(words)}",
                            f"Brief · {1 + n % 28} March 20{n % 30:02d}",
                            " ".join(rng.choices(words, k=25)) + ".",
                            "\n".join([f"topic {n % 40}", f"Author {n % 30}", *rng.sample(claims, 8)]))
               for n in range(briefs)]
    records += [SearchRecord(f"claims/claim-{n:05d}/", "claim", text, "Claim · contested" if n % 3 else "Claim",
                             "Asserted in 3 briefs; answered in 1 brief.") for n, text in enumerate(claims)]
    records += [SearchRecord(f"sources/src-{n:05d}/", "source", f"Report {n} on {rng.choice(words)}", "Source · news",
                             f"Example Press, 20{n % 30:02d}", "Example Press\n") for n in range(briefs // 4)]
    return records


def test_size_bounds_at_ten_thousand_briefs() -> None:
    files = search_files(_synthetic(10_000), "en")
    sizes = sorted(len(data) for data in files.values())
    assert len(files) <= 400, len(files)
    assert sizes[-1] <= 100_000, sizes[-1]
    manifest = json.loads(files[urls.SEARCH_INDEX + "index.json"])
    assert manifest["records"] == 17_500
    assert len(files[urls.SEARCH_INDEX + "index.json"]) <= 20_000
    reader = Reader(files)
    assert reader.search("brief 1234")[0] == "briefs/brief-01234/"
