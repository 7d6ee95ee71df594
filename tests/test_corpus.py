"""Consistency checks for the project-written labeled corpus in data/.

The corpus is generated from data/source/ by data/build_corpus.py; these
tests read the generated files the way the dataset module does (UTF-8 text
of .txt/.md files, the ``text`` field of table rows) and check that every
label points at the sentence it names.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
CORPUS = DATA / "corpus"
CHECKWORTHY = {"cfs", "ufs", "nfs"}
STANCES = {"favor", "against", "none"}
MIN_ARTICLES = 80
MIN_SENTENCES = 3000


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="module")
def articles() -> dict[str, str]:
    """Article id -> text exactly as the dataset module reads it."""
    texts: dict[str, str] = {}
    for path in sorted(CORPUS.rglob("*")):
        if path.suffix in {".txt", ".md"}:
            article_id = path.relative_to(CORPUS).with_suffix("").as_posix()
            texts[article_id] = path.read_bytes().decode("utf-8")
        elif path.suffix == ".jsonl":
            for row in _read_jsonl(path):
                assert row["id"] not in texts, f"duplicate article id {row['id']}"
                texts[row["id"]] = row["text"]
    return texts


@pytest.fixture(scope="module")
def labels() -> list[dict]:
    return _read_jsonl(DATA / "labels" / "sentences.jsonl")


@pytest.fixture(scope="module")
def targets() -> dict[str, list[str]]:
    rows = _read_jsonl(DATA / "targets.jsonl")
    ids = [row["article_id"] for row in rows]
    assert len(ids) == len(set(ids)), "an article appears twice in targets.jsonl"
    return {row["article_id"]: row["targets"] for row in rows}


def test_files_are_plain_utf8_with_unix_newlines():
    for path in CORPUS.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            assert not raw.startswith(b"\xef\xbb\xbf"), f"BOM in {path}"
            assert b"\r" not in raw, f"CR line ending in {path}"
            raw.decode("utf-8")


def test_every_label_points_at_its_text(articles, labels):
    for label in labels:
        text = articles.get(label["article_id"])
        assert text is not None, f"label for unknown article {label['article_id']}"
        start, end = label["char_start"], label["char_end"]
        assert 0 <= start < end <= len(text)
        assert text[start:end] == label["text"], label
        # A span is a whole sentence: no stray whitespace at its edges.
        assert label["text"] == label["text"].strip(), label


def test_label_names_are_valid(labels, targets):
    for label in labels:
        assert label["checkworthy"] in CHECKWORTHY, label
        stance = label["stance"]
        assert stance, f"no stance for {label['text']!r}"
        assert set(stance) <= set(targets[label["article_id"]]), label
        assert set(stance.values()) <= STANCES, label


def test_every_article_has_one_or_two_targets(articles, targets):
    assert set(articles) == set(targets)
    for article_id, names in targets.items():
        assert 1 <= len(names) <= 2, article_id
        assert all(isinstance(t, str) and t.strip() for t in names), article_id
        assert len(set(names)) == len(names), article_id


def test_no_duplicate_or_overlapping_labels(labels):
    by_article: dict[str, list[tuple[int, int]]] = {}
    for label in labels:
        by_article.setdefault(label["article_id"], []).append(
            (label["char_start"], label["char_end"])
        )
    for article_id, spans in by_article.items():
        spans.sort()
        for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
            assert end <= start, f"overlapping or repeated labels in {article_id}"


def test_corpus_size_and_mix(articles, labels):
    assert len(articles) >= MIN_ARTICLES
    assert len(labels) >= MIN_SENTENCES
    assert {label["article_id"] for label in labels} == set(articles)
    checkworthy = Counter(label["checkworthy"] for label in labels)
    assert set(checkworthy) == CHECKWORTHY
    stances = Counter(v for label in labels for v in label["stance"].values())
    assert set(stances) == STANCES


def test_generated_files_match_the_sources():
    spec = importlib.util.spec_from_file_location(
        "build_corpus", DATA / "build_corpus.py"
    )
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the class is built.
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        outputs = module.build()
    finally:
        del sys.modules[spec.name]
    for path, content in outputs.items():
        assert path.read_text(encoding="utf-8") == content, f"{path} is stale"


def test_labels_are_body_sentences_of_the_dataset_pipeline(labels):
    # The default models are trained by matching labels to the pipeline's
    # sentences by offsets; a label the pipeline never produces is lost.
    from stancekit import articles_to_dataset

    rows = articles_to_dataset(str(CORPUS), keep="all")
    found = {
        (r["article_id"], r["char_start"], r["char_end"]): (
            r["kind"],
            r["duplicate_of"],
        )
        for r in rows
    }
    problems = []
    for label in labels:
        key = (label["article_id"], label["char_start"], label["char_end"])
        if found.get(key) != ("body", None):
            problems.append(
                f"{label['article_id']}: {label['text']!r} -> {found.get(key)}"
            )
    assert not problems, (
        f"{len(problems)} labels are not body sentences: {problems[:5]}"
    )
