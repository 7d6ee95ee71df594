"""TermCounts: scikit-learn's vectorizer results, each string analysed once."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from stancekit.features.stance_cues import cue_vectorizer
from stancekit.features.term_counts import TermCounts

DOCS = [
    "The council approved the plan. The plan was not approved by everyone!",
    "Critics said the plan isn\u2019t true; officials denied it, it is a hoax.",
    "",
    "plan plan plan the the",
    "Ünïcode wörds — ça va? Don't, didn't, can't: n't.",
    "The council approved the plan.",  # repeats a target-like string
    "Officials did not say it is not true, not true at all.",
]


def same_matrix(a, b) -> None:
    assert type(a) is type(b)
    assert a.dtype == b.dtype and a.shape == b.shape
    assert a.indices.dtype == b.indices.dtype and a.indptr.dtype == b.indptr.dtype
    assert np.array_equal(a.indptr, b.indptr)
    assert np.array_equal(a.indices, b.indices)
    assert np.array_equal(a.data, b.data)


def vectorizers():
    return [
        TfidfVectorizer(stop_words="english", sublinear_tf=True, dtype=np.float32),
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, dtype=np.float32),
        CountVectorizer(ngram_range=(2, 3)),
        CountVectorizer(lowercase=False, binary=True),
        CountVectorizer(analyzer="char_wb", ngram_range=(2, 4)),
        TfidfVectorizer(max_features=5, dtype=np.float32),
        TfidfVectorizer(min_df=2, max_df=0.9),
    ]


@pytest.mark.parametrize("make", range(len(vectorizers())))
def test_fit_and_counts_equal_the_vectorizers_own(make):
    ours = TermCounts().fit(vectorizers()[make], DOCS)
    theirs = vectorizers()[make].fit(DOCS)
    assert ours.vocabulary_ == theirs.vocabulary_
    if isinstance(theirs, TfidfVectorizer):
        assert ours.idf_.dtype == theirs.idf_.dtype
        assert np.array_equal(ours.idf_, theirs.idf_)
    terms = TermCounts()
    counts = terms.counts(ours, DOCS + ["new words, the plan"])
    expected = CountVectorizer.transform(theirs, DOCS + ["new words, the plan"])
    same_matrix(counts, expected)
    if isinstance(theirs, TfidfVectorizer):
        same_matrix(terms.tfidf(ours, DOCS), theirs.transform(DOCS))


def test_max_features_breaks_ties_as_scikit_learn_does():
    # every word once: which 3 of the 10 tied words stay is the sort's choice
    docs = [" ".join(f"w{i}{j}" for j in range(10)) for i in range(5)]
    ours = TermCounts().fit(CountVectorizer(max_features=3), docs)
    assert ours.vocabulary_ == CountVectorizer(max_features=3).fit(docs).vocabulary_


def test_a_fitted_vectorizer_transforms_raw_text_as_after_its_own_fit():
    ours = TermCounts().fit(TfidfVectorizer(ngram_range=(1, 2)), DOCS)
    theirs = TfidfVectorizer(ngram_range=(1, 2)).fit(DOCS)
    same_matrix(ours.transform(DOCS), theirs.transform(DOCS))
    assert ours.get_params() == theirs.get_params()


def test_cue_phrases_are_counted_as_the_cue_vectorizer_counts_them():
    vec = cue_vectorizer().fit([])
    same_matrix(TermCounts().counts(vec, DOCS), vec.transform(DOCS))


def test_phrases_with_spaces_inside_tokens_fall_back_to_joined_ngrams():
    # a token pattern that keeps "new york" as one token: joined n-grams of
    # such tokens can meet a vocabulary entry the token walk would miss
    vec = CountVectorizer(
        token_pattern=r"new york|\w+",
        ngram_range=(1, 2),
        vocabulary=["new york", "york city", "new york city", "city"],
    ).fit([])
    docs = ["New York city", "new york", "york city"]
    same_matrix(TermCounts().counts(vec, docs), vec.transform(docs))


def test_bytes_are_decoded_as_the_vectorizer_decodes_them():
    vec = TermCounts().fit(CountVectorizer(), ["caf\u00e9 open"])
    same_matrix(
        TermCounts().counts(vec, ["caf\u00e9 open".encode()]),
        vec.transform(["caf\u00e9 open".encode()]),
    )


def test_each_string_is_analysed_once_per_call():
    calls = []

    def analyzer(doc):
        calls.append(doc)
        return doc.split()

    vec = CountVectorizer(analyzer=analyzer)
    terms = TermCounts()
    terms.fit(vec, ["a b", "b c"])
    terms.counts(vec, ["a b", "b c", "a b"])
    terms.counts(vec, ["b c"])
    assert sorted(calls) == ["a b", "b c"]


@pytest.mark.parametrize(
    ("vectorizer", "docs", "message"),
    [
        (CountVectorizer(stop_words="english"), ["the and"], "empty vocabulary"),
        (CountVectorizer(min_df=2), ["a1 b1", "c1 d1"], "no terms remain"),
        (
            CountVectorizer(min_df=3, max_df=2),
            ["a1 b1", "a1 d1", "a1"],
            "max_df corresponds to < documents than min_df",
        ),
    ],
)
def test_fit_refuses_what_scikit_learn_refuses_with_its_message(
    vectorizer, docs, message
):
    with pytest.raises(ValueError, match=message):
        vectorizer.fit(docs)
    with pytest.raises(ValueError, match=message):
        TermCounts().fit(vectorizer, docs)


def test_a_fixed_vocabulary_is_fitted_by_the_vectorizer_itself():
    vec = TermCounts().fit(CountVectorizer(vocabulary=["cats", "dogs"]), ["x"])
    assert vec.vocabulary_ == {"cats": 0, "dogs": 1}
