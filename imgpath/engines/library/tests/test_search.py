from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from imgpath.engines.library import SearchDocument, rank, snippet
from imgpath.engines.library.search import STOPWORDS, terms

WORDS = st.sampled_from(
    [
        "visa",
        "letter",
        "interview",
        "observership",
        "intern",
        "hospital",
        "consent",
        "handoff",
        "budget",
        "rounds",
        "feedback",
        "burnout",
        "program",
        "statement",
        "nurse",
        "insurance",
    ]
)
TEXTS = st.lists(WORDS, min_size=1, max_size=30).map(" ".join)
DOCS = st.lists(
    st.builds(SearchDocument, key=st.uuids().map(str), title=TEXTS, summary=TEXTS, body=TEXTS),
    min_size=1,
    max_size=8,
    unique_by=lambda d: d.key,
)


@given(DOCS, WORDS)
def test_every_result_holds_the_query_and_every_holder_is_found(docs, word):
    found = {hit.key for hit in rank(docs, word)}
    holders = {d.key for d in docs if terms(word)[0] in terms(f"{d.title} {d.summary} {d.body}")}
    assert found == holders


@given(DOCS, WORDS, WORDS)
def test_all_words_must_match(docs, first, second):
    for hit in rank(docs, f"{first} {second}"):
        doc = next(d for d in docs if d.key == hit.key)
        words = set(terms(f"{doc.title} {doc.summary} {doc.body}"))
        assert set(terms(f"{first} {second}")) <= words


@given(DOCS, WORDS)
def test_results_are_ordered_best_first_and_stable(docs, word):
    hits = rank(docs, word)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert rank(list(reversed(docs)), word) == hits


def test_a_title_match_outranks_a_body_match():
    in_title = SearchDocument("t", "Asking for letters", "", "other words")
    in_body = SearchDocument("b", "Budget", "", "letters letters letters")
    assert [h.key for h in rank([in_body, in_title], "letter")] == ["t", "b"]


def test_plurals_and_endings_match_and_stopwords_alone_find_nothing():
    doc = SearchDocument("d", "Interviews", "", "Interviewing well")
    assert [h.key for h in rank([doc], "interview")] == ["d"]
    assert rank([doc], " ".join(sorted(STOPWORDS)[:5])) == []
    assert rank([doc], "") == []


def test_snippet_shows_the_first_matching_words():
    text = " ".join(["filler"] * 50 + ["the", "consent", "conversation"] + ["more"] * 50)
    excerpt = snippet(text, "consent")
    assert "consent conversation" in excerpt
    assert excerpt.startswith("… ") and excerpt.endswith(" …")
