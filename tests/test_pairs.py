"""Tests of target-text pair features (stancekit.features.pairs) and cue lists."""

from __future__ import annotations

import datasets
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn.exceptions import NotFittedError

import stancekit.features.pairs as pairs_module
import stancekit.features.ranking as ranking_module
from stancekit.errors import SchemaError
from stancekit.features.pairs import PairFeaturizer, as_pairs, split_body
from stancekit.features.stance_cues import (
    CUE_FAMILIES,
    cue_family_matrix,
    cue_vectorizer,
    normalize_text,
)

BODY_A = (
    "The city council met on Monday to discuss the budget. "
    "Officials said the new bridge over the river will open in May. "
    "Critics called the bridge story a hoax and denied any opening date. "
    "Weather was mild."
)
BODY_B = (
    "A local bakery won a national prize for its rye bread. "
    "The owner said the recipe came from her grandmother. "
    "Customers queued for hours."
)
PAIRS = [
    ("New bridge over the river opens in May", BODY_A),
    ("Bakery wins national bread prize", BODY_B),
    ("Bakery wins national bread prize", BODY_A),
    ("New bridge over the river opens in May", BODY_B),
]


def fitted(**params):
    return PairFeaturizer(**params).fit(PAIRS)


def dense_raw(feat, X):
    Z = feat.transform(X)
    return feat.scaler_.inverse_transform(Z[:, : feat.n_dense_].toarray())


# ---------------------------------------------------------------- as_pairs
@pytest.mark.parametrize(
    "X",
    [
        pd.DataFrame({"target": ["t1", "t2"], "text": ["x1", "x2"], "other": [1, 2]}),
        datasets.Dataset.from_dict({"target": ["t1", "t2"], "text": ["x1", "x2"]}),
        [{"target": "t1", "text": "x1"}, {"target": "t2", "text": "x2", "id": 3}],
        [("t1", "x1"), ["t2", "x2"]],
    ],
)
def test_as_pairs_reads_every_container(X):
    assert as_pairs(X) == (["t1", "t2"], ["x1", "x2"])


def test_as_pairs_turns_missing_values_into_empty_strings():
    X = pd.DataFrame({"target": ["t", None], "text": [np.nan, "x"]})
    assert as_pairs(X) == (["t", ""], ["", "x"])


def test_as_pairs_names_missing_columns():
    with pytest.raises(
        SchemaError, match=r"columns 'target' and 'text'; found \['text'"
    ):
        as_pairs(pd.DataFrame({"text": ["x"]}))


def test_as_pairs_hints_at_a_split_for_dataset_dict():
    dd = datasets.DatasetDict(
        {"train": datasets.Dataset.from_dict({"target": ["t"], "text": ["x"]})}
    )
    with pytest.raises(SchemaError, match=r"DatasetDict with splits \['train'\]"):
        as_pairs(dd)


def test_as_pairs_rejects_dicts_without_keys():
    with pytest.raises(SchemaError, match="keys 'target' and 'text'; found"):
        as_pairs([{"text": "x"}])


@pytest.mark.parametrize("X", ["just a string", 42])
def test_as_pairs_rejects_wrong_types(X):
    with pytest.raises(TypeError, match="X must be a DataFrame"):
        as_pairs(X)


def test_as_pairs_rejects_bad_rows():
    with pytest.raises(
        TypeError, match=r"each row of X must be .*got \('a', 'b', 'c'\)"
    ):
        as_pairs([("a", "b", "c")])


# ---------------------------------------------------------------- sentences
def test_split_body_returns_sentences_and_never_nothing():
    assert split_body("One thing. Two things!") == ["One thing.", "Two things!"]
    assert split_body("") == [""]


# ---------------------------------------------------------------- featurizer
def test_shape_and_feature_names_agree():
    feat = fitted()
    Z = feat.transform(PAIRS)
    assert Z.shape[0] == len(PAIRS)
    assert Z.shape[1] == len(feat.get_feature_names_out())
    assert feat.get_feature_names_out()[: feat.n_dense_].tolist() == feat.dense_names_


def test_fitted_vocabularies_hold_plain_ints_and_transform_the_same():
    featurizer = PairFeaturizer(max_features=30, per_target=True, min_target_count=1)
    before = featurizer.fit_transform(PAIRS)
    vectorizers = [featurizer.sim_vectorizer_, featurizer.count_vectorizer_]
    vectorizers += [featurizer.bow_vectorizer_]
    vectorizers += [v for block in featurizer.target_blocks_.values() for v in block]
    assert len(vectorizers) > 3
    for vectorizer in vectorizers:
        assert {type(i) for i in vectorizer.vocabulary_.values()} == {int}
    assert (featurizer.transform(PAIRS) != before).nnz == 0


def test_ngram_blocks_equal_the_fitted_vectorizers_own_transform():
    # the featurizer counts each string once itself; a model it saved must
    # give the same columns as its vectorizers give raw text
    featurizer = PairFeaturizer(text_scope="full", per_target=True, min_target_count=1)
    Z = featurizer.fit_transform(PAIRS).toarray()
    targets, texts = as_pairs(PAIRS)
    bow = featurizer.bow_vectorizer_
    width = len(bow.vocabulary_)
    start = featurizer.n_dense_
    assert np.array_equal(Z[:, start : start + width], bow.transform(targets).toarray())
    start += width
    assert np.array_equal(Z[:, start : start + width], bow.transform(texts).toarray())
    start += width
    for target, (word, char) in featurizer.target_blocks_.items():
        rows = [i for i, t in enumerate(targets) if t == target]
        own = [texts[i] for i in rows]
        block = sp.hstack([word.transform(own), char.transform(own)]).toarray()
        stop = start + block.shape[1]
        assert np.array_equal(Z[rows, start:stop], block)
        start = stop
    assert start == Z.shape[1]


def test_related_sentence_is_the_one_about_the_target():
    feat = fitted()
    sentence, sim = feat.related_sentences([PAIRS[0]])[0]
    assert "bridge over the river will open" in sentence
    assert 0 < sim <= 1


def test_similarity_features_separate_related_from_unrelated():
    feat = fitted()
    raw = dense_raw(feat, PAIRS)
    names = feat.dense_names_
    for name in ("cos_text", "cos_best_sentence", "bm25_text", "target_terms_in_text"):
        col = raw[:, names.index(name)]
        # pairs 0 and 1 are related, 2 and 3 are not
        assert min(col[0], col[1]) > max(col[2], col[3]), name


def test_bounded_features_stay_in_unit_interval():
    raw = dense_raw(fitted(), PAIRS)
    names = fitted().dense_names_
    for name in ("cos_text", "bm25_text", "bm25_best_sentence", "jaccard"):
        col = raw[:, names.index(name)]
        assert np.all(col >= -1e-6) and np.all(col <= 1 + 1e-6)


def test_cues_are_counted_in_the_related_sentences():
    feat = fitted(top_k=1)
    X = [("Critics on the bridge story?", BODY_A), PAIRS[1]]
    raw = dense_raw(feat, X)
    refuting = raw[:, feat.dense_names_.index("refuting_in_best")]
    assert refuting[0] == pytest.approx(np.log1p(2), rel=1e-4)  # hoax, denied
    assert refuting[1] == 0
    question = raw[:, feat.dense_names_.index("question_in_target")]
    assert question[0] > 0 and question[1] == 0


def test_a_cue_word_the_target_uses_is_not_the_texts_cue():
    # "denial" names the topic of the first pair's target; in the second
    # target it is no word of the target, so there it is the text's cue
    text = "Critics called the hoax claims a denial of science. The talks went on."
    X = [
        ("Science denial should be taught in schools", text),
        ("Science should be taught in schools", text),
    ]
    feat = PairFeaturizer(top_k=1).fit(PAIRS + X)
    raw = dense_raw(feat, X)
    for scope in ("best", "related", "text"):
        refuting = raw[:, feat.dense_names_.index(f"refuting_in_{scope}")]
        assert refuting[1] > refuting[0] > 0, scope  # "hoax" stays a cue
    best = raw[:, feat.dense_names_.index("refuting_in_best")]
    assert best[0] == pytest.approx(np.log1p(1), rel=1e-4)  # hoax
    assert best[1] == pytest.approx(np.log1p(2), rel=1e-4)  # hoax, denial
    # the target's own cue words still count on the target's side
    target = raw[:, feat.dense_names_.index("refuting_in_target")]
    assert target[0] > 0 and target[1] == pytest.approx(0, abs=1e-6)


def test_a_restated_claim_keeps_no_refuting_cue_of_its_own():
    feat = fitted()
    claim = "The minister denied the bribery charges"
    raw = dense_raw(
        feat, [(claim, "The minister denied the bribery charges on Friday.")]
    )
    for scope in ("best", "related", "text"):
        assert raw[0, feat.dense_names_.index(f"refuting_in_{scope}")] == 0, scope


def test_only_as_many_cue_words_as_the_target_holds_are_its_own():
    feat = fitted(top_k=1)
    target = "The city may ban cars"
    once = "The city may ban cars."
    twice = "The city may ban cars, and the plan may yet change."
    raw = dense_raw(feat, [(target, once), (target, twice)])
    hedging = raw[:, feat.dense_names_.index("hedging_in_best")]
    assert hedging[0] == 0
    assert hedging[1] == pytest.approx(np.log1p(1), rel=1e-4)  # the second "may"


def test_a_negation_is_the_targets_own_whichever_way_it_is_written():
    feat = fitted(top_k=1)
    target = "Vaccines don't cause autism"
    X = [
        (target, "Vaccines do not cause autism."),
        (target, "Vaccines don't cause autism."),
        (target, "Vaccines never cause autism, and they do not cause asthma."),
    ]
    negation = dense_raw(feat, X)[:, feat.dense_names_.index("negation_in_best")]
    assert negation[0] == negation[1] == 0
    assert negation[2] == pytest.approx(np.log1p(1), rel=1e-4)


def test_only_the_sentence_that_restates_the_target_gives_up_its_cue_words():
    feat = fitted(top_k=2)
    target = "Apple may unveil a new watch"
    text = "Apple may unveil a new watch. The launch may slip. It was a hoax."
    raw = dense_raw(feat, [(target, text)])
    hedging = {
        scope: raw[0, feat.dense_names_.index(f"hedging_in_{scope}")]
        for scope in ("best", "related", "text")
    }
    assert hedging["best"] == 0  # the restatement's "may" is the target's
    assert hedging["text"] == pytest.approx(np.log1p(1 / 3), rel=1e-4)  # "may slip"
    assert hedging["related"] > 0  # "The launch may slip" is among the top 2


def test_a_text_that_answers_no_keeps_its_no():
    feat = fitted(top_k=1)
    X = [("Vaccines don't cause autism", "No, vaccines cause autism.")]
    negation = dense_raw(feat, X)[0, feat.dense_names_.index("negation_in_best")]
    assert negation == pytest.approx(np.log1p(1), rel=1e-4)  # "no" is no "not"


def test_a_cue_words_other_forms_are_the_targets_too():
    feat = fitted(top_k=1)
    X = [
        ("Minister denies bribery charges", "The minister denied the charges."),
        ("The mayor didn't resign", "The mayor did not resign on Friday."),
    ]
    raw = dense_raw(feat, X)
    refuting = raw[:, feat.dense_names_.index("refuting_in_best")]
    negation = raw[:, feat.dense_names_.index("negation_in_best")]
    assert refuting.tolist() == [0, 0] and negation[1] == 0


def test_a_text_whose_sentences_are_all_unlike_the_target_keeps_its_cues():
    # nothing in the fitted vocabulary links the target to any sentence:
    # no sentence is known to restate it, so none gives up its cue words
    feat = fitted(top_k=1)
    X = [("Kardashian may divorce", "Officials may act soon. Nobody knew.")]
    raw = dense_raw(feat, X)
    assert raw[0, feat.dense_names_.index("hedging_in_best")] > 0


def test_each_distinct_text_is_split_once(monkeypatch):
    calls = []
    real = pairs_module.split_body

    def counting(text):
        calls.append(text)
        return real(text)

    feat = fitted()
    monkeypatch.setattr(pairs_module, "split_body", counting)
    feat.transform(PAIRS * 50)  # 200 pairs, 2 distinct bodies
    assert sorted(calls) == sorted([BODY_A, BODY_B])


def test_transform_learns_nothing_from_new_text():
    feat = fitted()
    vocab = dict(feat.sim_vectorizer_.vocabulary_)
    idf = feat.sim_vectorizer_.idf_.copy()
    mean = feat.scaler_.mean_.copy()
    feat.transform([("zebra crossing", "Zebras crossed the zebra crossing.")])
    assert feat.sim_vectorizer_.vocabulary_ == vocab
    np.testing.assert_array_equal(feat.sim_vectorizer_.idf_, idf)
    np.testing.assert_array_equal(feat.scaler_.mean_, mean)


def test_similarity_rows_match_the_fitted_vectorizer():
    feat = fitted()
    docs = [BODY_A, "Bridge, bridge and river.", ""]
    counts = feat.count_vectorizer_.transform(docs).tocsr()
    np.testing.assert_allclose(
        feat._sim_tfidf(counts).toarray(),
        feat.sim_vectorizer_.transform(docs).toarray(),
        rtol=1e-5,
        atol=1e-6,
    )


def test_transform_is_row_independent():
    feat = fitted()
    alone = feat.transform([PAIRS[0]]).toarray()
    together = feat.transform(PAIRS).toarray()[:1]
    np.testing.assert_allclose(alone, together, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("scope", ["related", "full", "both"])
def test_text_scopes_change_the_width(scope):
    feat = fitted(text_scope=scope)
    n_bow = len(feat.bow_vectorizer_.vocabulary_)
    blocks = 3 if scope == "both" else 2
    assert feat.transform(PAIRS).shape[1] == feat.n_dense_ + blocks * n_bow


def recurring(n_targets, per_target_rows):
    X = []
    for t in range(n_targets):
        for i in range(per_target_rows):
            X.append((f"topic {t}", f"text number {i} about topic {t} word{i % 5}"))
    return X


def test_per_target_blocks_for_recurring_targets_only():
    few = PairFeaturizer(min_target_count=10).fit(recurring(2, 12))
    assert sorted(few.target_blocks_) == ["topic 0", "topic 1"]
    many = PairFeaturizer(min_target_count=10, max_targets=3).fit(recurring(5, 12))
    assert many.target_blocks_ == {}
    assert PairFeaturizer(per_target=False).fit(recurring(2, 30)).target_blocks_ == {}
    forced = PairFeaturizer(per_target=True).fit(recurring(3, 2))
    assert len(forced.target_blocks_) == 3


def test_per_target_block_is_empty_for_other_targets():
    feat = PairFeaturizer(min_target_count=10).fit(recurring(2, 12))
    names = feat.get_feature_names_out()
    Z = feat.transform([("unseen topic", "text number 1 about topic 0")]).toarray()
    own = np.array([n.startswith("[topic") for n in names])
    assert not Z[0, own].any()
    Z0 = feat.transform([("topic 0", "text number 1 about topic 0")]).toarray()
    block0 = np.array([n.startswith("[topic 0]") for n in names])
    assert Z0[0, block0].any() and not Z0[0, own & ~block0].any()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"text_scope": "body"}, "text_scope must be one of"),
        ({"top_k": 0}, "top_k must be an integer >= 1; got 0"),
        ({"per_target": "yes"}, "per_target must be one of"),
    ],
)
def test_bad_parameters_are_named(params, message):
    with pytest.raises(ValueError, match=message):
        PairFeaturizer(**params).fit(PAIRS)


def test_empty_input_is_refused():
    with pytest.raises(SchemaError, match="at least one"):
        PairFeaturizer().fit([])


def test_transform_before_fit_raises():
    with pytest.raises(NotFittedError):
        PairFeaturizer().transform(PAIRS)


# ---------------------------------------------------------------- cue lists
def test_cue_counter_counts_families():
    vec = cue_vectorizer()
    fam = cue_family_matrix(vec)
    counts = vec.transform(["It isn\u2019t true, officials said; a hoax."]) @ fam
    counts = dict(zip(CUE_FAMILIES, counts.toarray()[0], strict=True))
    assert counts["refuting"] >= 2  # "isn't true", "hoax"
    assert counts["reporting"] >= 1  # "said"
    assert counts["negation"] >= 1  # "isn't"


def test_every_cue_entry_is_normalized_and_short():
    for entries in CUE_FAMILIES.values():
        for entry in entries:
            assert entry == normalize_text(entry)
            assert 1 <= len(entry.split()) <= 3


@pytest.mark.parametrize("k", [1, 2, 5])
def test_rank_sentences_matches_a_per_text_loop(k):
    # Ties (duplicate sentences, zero rows) must go to the earlier sentence.
    rng = np.random.default_rng(0)
    S = sp.csr_matrix(rng.integers(0, 2, size=(9, 4)).astype(np.float32))
    S = S[[0, 1, 1, 2, 3, 4, 5, 6, 7]]
    T = sp.csr_matrix(rng.integers(0, 2, size=(3, 4)).astype(np.float32))
    offsets = np.array([0, 1, 4, 9])
    tp, up = np.array([0, 1, 2, 0, 1]), np.array([2, 0, 1, 1, 2])
    got = ranking_module._rank_sentences(T, S, tp, up, offsets, k)
    for i, (a, u) in enumerate(zip(tp, up, strict=True)):
        s0, s1 = offsets[u], offsets[u + 1]
        sims = (T[a] @ S[s0:s1].T).toarray().ravel()
        top = np.argsort(-sims, kind="stable")[: min(k, s1 - s0)]
        assert got["best_sentence"][i] == s0 + top[0]
        assert got["best_sim"][i] == pytest.approx(sims[top[0]])
        assert got["topk_mean"][i] == pytest.approx(sims[top].mean())
        assert got["mean_sim"][i] == pytest.approx(sims.mean())
        assert got["lead_sim"][i] == pytest.approx(sims[0])
        assert got["best_pos"][i] == pytest.approx(top[0] / max(s1 - s0 - 1, 1))
        weights = np.zeros(S.shape[0])
        weights[s0 + top] = 1 / len(top)
        np.testing.assert_allclose(got["W"][i].toarray().ravel(), weights)


def test_one_sentence_texts_give_the_same_features_as_longer_ones():
    # Texts of one sentence reuse the sentence rows; a batch mixing in a
    # longer text takes the general path. Both must agree on shared pairs.
    train = [("cats purr", "Cats purr a lot. Dogs bark."), ("dogs bark", "A hoax?")] * 3
    feat = PairFeaturizer().fit(train)
    short = [("cats purr", "Cats purr loudly."), ("dogs bark", " Dogs never bark. ")]
    mixed = [*short, ("cats", "One. Two sentences here.")]
    np.testing.assert_allclose(
        feat.transform(short).toarray(), feat.transform(mixed)[:2].toarray(), atol=1e-6
    )
