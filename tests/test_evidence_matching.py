"""Is a quotation in its source? Word by word, in order; what quoting changes does not count."""

from __future__ import annotations

import pytest

from briefgen.evidence.matching import SourceWords, match, pieces, prepared, words_of

SOURCE = (
    "U.S. officials prepare for the second summit\n"
    "One of the officials said the U.S. hopes to make rapid progress toward Kim’s regime giving up its nuclear "
    "arsenal, rather than incremental steps — a move that analysts say is necessary.\n"
    "Hawks such as Bolton have fiercely opposed this “step-by-step” process in favor of maintaining maximum "
    "pressure. « Le processus est bloqué », a dit le ministre.\n"
    "北朝鮮は核兵器を放棄しないだろう。 كوريا الشمالية لن تتخلى عن ترسانتها النووية.\n"
)


@pytest.mark.parametrize("quotation", [
    "One of the officials said the U.S. hopes to make rapid progress",
    "\"one of the officials SAID the u.s. hopes\"",                          # straight quotes, case
    "“Hawks such as Bolton have fiercely opposed this \"step-by-step\" process”",
    "Hawks such as Bolton have fiercely opposed this ‘step–by–step’ process",  # en dashes, single quotes
    "toward Kim's regime giving up\nits nuclear arsenal,\n   rather than",     # apostrophe, line breaks
    "rather than incremental steps -- a move that analysts say",              # two hyphens for a dash
    "rather than incremental steps - a move",
    "One of the officials said ... rapid progress toward Kim’s regime",       # elisions of every kind
    "One of the officials said… rapid progress",
    "One of the officials said [...] giving up its nuclear arsenal",
    "One of the officials said […] giving up",
    "One of the officials said . . . giving up",
    "[T]he U.S. hopes to make rapid progress",                                 # a bracketed capital
    "[Washington] hopes to make rapid progress",                               # an editorial insertion
    "\"Le processus est bloqué\"",                                            # guillemets vs straight quotes
    "“le processus est BLOQUÉ”",
    "核兵器を放棄しない",                                                          # no spaces between words
    "لن تتخلى عن ترسانتها",
    "maintaining maximum pressure.",
])
def test_true_quotations_are_found(quotation: str) -> None:
    assert match(quotation, SourceWords(SOURCE)).found, quotation


@pytest.mark.parametrize("quotation", [
    "the U.S. hopes to make slow progress",           # a word changed
    "the U.S. hopes to make progress",                # a word dropped
    "the U.S. hopes to make very rapid progress",     # a word added
    "rapid progress ... One of the officials said",   # pieces out of order
    "核兵器を放棄する",                                   # a character changed
    "officials say",                                  # a word's form changed
])
def test_altered_quotations_are_not(quotation: str) -> None:
    assert not match(quotation, SourceWords(SOURCE)).found, quotation


def test_the_closest_passage_and_the_first_difference_are_reported() -> None:
    outcome = match("the U.S. hopes to make slow progress toward Kim’s regime", SourceWords(SOURCE))
    assert outcome.closest is not None and not outcome.out_of_order
    assert outcome.closest.passage == "the U.S. hopes to make rapid progress toward Kim’s regime"
    assert 0.85 < outcome.closest.similarity < 1
    assert (outcome.closest.quoted, outcome.closest.source) == ("make slow progress", "make rapid progress")


def test_the_piece_not_found_is_the_one_reported() -> None:
    quotation = "One of the officials said ... rapid growth toward Kim’s regime"
    outcome = match(quotation, SourceWords(SOURCE))
    start, end = outcome.missing
    assert quotation[start:end].strip() == "rapid growth toward Kim’s regime"
    assert outcome.closest is not None and outcome.closest.quoted_start == quotation.index("growth")


def test_pieces_out_of_order_are_told_apart_from_missing_ones() -> None:
    outcome = match("maximum pressure ... Hawks such as Bolton", SourceWords(SOURCE))
    assert not outcome.found and outcome.out_of_order


def test_elisions_split_a_quotation_into_pieces_of_words() -> None:
    text = prepared("A b [...] c d… e [sic] f. . . g [T]he")
    assert [words_of(text, a, b).words for a, b in pieces(text)] == [("a", "b"), ("c", "d"), ("e",), ("f",),
                                                                     ("g", "the")]
    assert len(prepared("[T]he")) == len("[T]he")  # places in the quotation stay where they were


def test_words_keep_their_place_in_the_text() -> None:
    words = words_of("  Kim’s «regime»")
    assert words.words == ("kim", "s", "regime")
    assert [words.text[a:b] for a, b in words.spans] == ["Kim", "s", "regime"]


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text is `lines` (Helvetica, no compression): enough for a text extractor."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
               "/Contents 5 0 R >>", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               f"<< /Length {len(content)} >>\nstream\n{content}\nendstream"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    return out + f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()


def test_a_pdf_report_is_read_with_words_broken_at_line_ends_joined() -> None:
    pytest.importorskip("pypdf")  # optional: PDFs are read only where it is installed
    from briefgen.evidence.text import page_text

    text = page_text(_pdf(["The sanctions regime will not force disarma-", "ment, the report finds."]),
                     "application/pdf")
    assert match("“will not force disarmament”", SourceWords(text.main)).found
