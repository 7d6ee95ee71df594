import json

import datasets
import pytest
from _examples import TARGET
from typer.testing import CliRunner

import stancekit
from stancekit.cli import app
from stancekit.persist.files import save_model
from stancekit.pipeline.labeling import LABEL_COLUMNS, iter_labeled_rows, label
from stancekit.present.terminal import terminal_lines

runner = CliRunner()

PAGE = """News

Council backs new stadium

By Lea Moser

The council voted 27 to 14 on Monday to lend €90 million for the stadium.
“This stadium will bring jobs to the city,” Mayor Ivo Brandt said.

Critics said the plan was a waste of public money.

Share this article
"""


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "stadium.txt"
    path.write_text(PAGE, encoding="utf-8")
    return path


@pytest.fixture
def model_files(tiny_models, tmp_path):
    cw, st = tiny_models
    return (
        save_model(cw, tmp_path / "cw.skmodel", metadata={"task": "checkworthy"}),
        save_model(st, tmp_path / "st.skmodel", metadata={"task": "stance"}),
    )


def test_label_adds_scores_and_one_row_per_target(tiny_models, page):
    cw, st = tiny_models
    ds = label(
        [page], [TARGET, "Taxes should rise"], checkworthy_model=cw, stance_model=st
    )
    assert isinstance(ds, datasets.Dataset)
    assert list(LABEL_COLUMNS) == ds.column_names[-len(LABEL_COLUMNS) :]
    rows = ds.to_list()
    by_sentence = {}
    for row in rows:
        by_sentence.setdefault(row["sentence_index"], []).append(row["target"])
    assert all(t == [TARGET, "Taxes should rise"] for t in by_sentence.values())
    for row in rows:
        assert 0.0 <= row["checkworthy_score"] <= 1.0
        assert row["checkworthy"] == (row["checkworthy_score"] >= 0.5)
        assert row["stance"] in {"favor", "against", "none"}
    claim = next(r for r in rows if r["text"].startswith("The council voted"))
    chat = next(r for r in rows if r["text"].startswith("Critics said"))
    assert claim["checkworthy_score"] > chat["checkworthy_score"]
    quote = next(r for r in rows if r["in_quote"])
    assert quote["speaker"] == "Ivo Brandt"


def test_headline_is_the_target_when_none_is_given(tiny_models, page):
    cw, st = tiny_models
    rows = list(iter_labeled_rows([page], checkworthy_model=cw, stance_model=st))
    assert {r["target"] for r in rows} == {"Council backs new stadium"}


def test_keep_all_scores_only_text_rows(tiny_models, page):
    cw, st = tiny_models
    rows = list(
        iter_labeled_rows(
            [page], [TARGET], checkworthy_model=cw, stance_model=st, keep="all"
        )
    )
    furniture = [r for r in rows if r["kind"] == "boilerplate"]
    assert furniture, "the page has a section label, byline and share button"
    assert all(
        r["checkworthy_score"] is None and r["stance"] is None for r in furniture
    )


def test_a_task_can_be_skipped(tiny_models, page):
    cw, _ = tiny_models
    rows = list(
        iter_labeled_rows([page], [TARGET], checkworthy_model=cw, stance_model=None)
    )
    assert all(r["stance"] is None for r in rows)
    assert all(r["checkworthy_score"] is not None for r in rows)


def test_terminal_view_marks_claims_targets_and_speakers(tiny_models, page):
    cw, st = tiny_models
    rows = list(
        iter_labeled_rows([page], [TARGET], checkworthy_model=cw, stance_model=st)
    )
    lines = list(terminal_lines(rows))
    text = "\n".join(lines)
    assert f"target 1: {TARGET}" in text
    assert "— Ivo Brandt" in text
    starred = [line for line in lines[1:] if "★" in line]  # after the legend
    assert len(starred) == sum(bool(r["checkworthy"]) for r in rows)


def test_cli_label_writes_a_table(model_files, page, tmp_path):
    cw, st = model_files
    out = tmp_path / "labels.jsonl"
    result = runner.invoke(
        app,
        [
            "label",
            str(page),
            "--target",
            TARGET,
            "--model-checkworthy",
            str(cw),
            "--model-stance",
            str(st),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and {
        "checkworthy_score",
        "checkworthy",
        "stance",
        "stance_score",
    } <= set(rows[0])
    assert {r["target"] for r in rows} == {TARGET}


def test_cli_label_terminal_and_report(model_files, page, tmp_path):
    cw, st = model_files
    models = ["--model-checkworthy", str(cw), "--model-stance", str(st)]
    result = runner.invoke(app, ["label", str(page), *models])
    assert result.exit_code == 0, result.output
    assert "Council backs new stadium" in result.stdout
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(page), "--out", str(out), *models])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Council backs new stadium" in html and 'class="furniture' in html


def test_cli_label_bad_model_is_one_line(page, tmp_path):
    bogus = tmp_path / "bogus.skmodel"
    bogus.write_text("not a model", encoding="utf-8")
    result = runner.invoke(app, ["label", str(page), "--model-checkworthy", str(bogus)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(
        "stancekit: error:"
    )


def test_default_models_label_the_example(default_cache):
    ds = stancekit.label(
        ["data/examples/scraped-article.txt"],
        targets=["The city should ban older diesel cars from the centre."],
    )
    assert ds.num_rows > 10
    assert set(ds["stance"]) <= {"favor", "against", "none"}
    scores = ds["checkworthy_score"]
    assert min(scores) < 0.5 < max(scores)


def test_subheads_are_never_the_default_target(tiny_models, tmp_path):
    cw, st = tiny_models
    story = "Three packs now live in the valley, rangers said on Monday.\n\n"
    story += "## What farmers say\n\nSheep farmers lost 40 animals last year.\n"
    titled = tmp_path / "titled.md"
    titled.write_text("Nature\n\nWolves return to the valley\n\nBy Ada Lin\n\n" + story)
    untitled = tmp_path / "untitled.md"
    untitled.write_text(story)
    rows = list(
        iter_labeled_rows([titled, untitled], checkworthy_model=cw, stance_model=st)
    )
    targets = {r["article_id"]: r["target"] for r in rows}
    assert targets == {"titled": "Wolves return to the valley", "untitled": None}


def test_min_stance_confidence_keeps_only_sure_stances(tiny_models, page):
    cw, st = tiny_models
    every = label([page], TARGET, checkworthy_model=cw, stance_model=st)
    sure = label(
        [page], TARGET, checkworthy_model=cw, stance_model=st, min_stance_confidence=1.0
    )
    assert {s for s in sure["stance"] if s is not None} <= {"none"}
    loose = label(
        [page], TARGET, checkworthy_model=cw, stance_model=st, min_stance_confidence=0.0
    )
    assert loose["stance"] == every["stance"]


def test_a_model_that_records_a_threshold_abstains_by_default(tiny_models, page):
    from sklearn.base import clone

    cw, st = tiny_models
    strict = clone(st).set_params(abstain_threshold=1.0)
    strict.fit(*_tiny_stance_data())
    rows = label([page], TARGET, checkworthy_model=cw, stance_model=strict)
    assert {s for s in rows["stance"] if s is not None} == {"none"}
    shown = label(
        [page],
        TARGET,
        checkworthy_model=cw,
        stance_model=strict,
        min_stance_confidence=0.0,
    )
    assert {s for s in shown["stance"] if s is not None} != {"none"}


def _tiny_stance_data():
    from _examples import PAIRS

    return (
        [{"target": TARGET, "text": t} for t, _ in PAIRS] * 2,
        [y for _, y in PAIRS] * 2,
    )


def test_cli_label_and_report_take_min_stance_confidence(model_files, page, tmp_path):
    cw_path, st_path = model_files
    models = ["--model-checkworthy", str(cw_path), "--model-stance", str(st_path)]
    out = tmp_path / "rows.jsonl"
    result = runner.invoke(
        app,
        ["label", str(page), "-t", TARGET, *models, "--out", str(out)]
        + ["--min-stance-confidence", "1"],
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["stance"] for r in rows if r["stance"] is not None} == {"none"}
    html = tmp_path / "report.html"
    result = runner.invoke(
        app,
        ["report", str(page), "-t", TARGET, *models, "--out", str(html)]
        + ["--min-stance-confidence", "0.9"],
    )
    assert result.exit_code == 0, result.output
    bad = runner.invoke(
        app, ["label", str(page), *models, "--min-stance-confidence", "1.5"]
    )
    assert bad.exit_code == 2
    assert "min-stance-confidence" in bad.output


REPEATING_PAGE = """Council backs new stadium

The council voted 27 to 14 on Monday to lend €90 million for the stadium.
Critics said the plan was a waste of public money.
The council voted 27 to 14 on Monday to lend €90 million for the stadium.
Turnout at the meeting was 61 percent, up from 54 percent in 2019.
"""


@pytest.fixture
def context_model():
    """A check-worthiness model that learned from documents, so context counts."""
    from _examples import CLAIMS

    from stancekit.models.checkworthy import CheckWorthinessClassifier

    rows = [{"text": t, "group": f"d{i % 4}"} for i, (t, _) in enumerate(CLAIMS * 3)]
    return CheckWorthinessClassifier(random_state=0).fit(
        rows, [y for _, y in CLAIMS * 3]
    )


def test_one_sentence_gets_one_score_in_predict_label_label_all_and_report(
    context_model, tmp_path
):
    from stancekit.dataset import articles_to_dataset
    from stancekit.pipeline.predict import predict_rows

    page = tmp_path / "repeat.txt"
    page.write_text(REPEATING_PAGE, encoding="utf-8")

    def scores(keep):
        return {
            (r["article_id"], r["sentence_index"]): r["checkworthy_score"]
            for r in iter_labeled_rows(
                [page], checkworthy_model=context_model, stance_model=None, keep=keep
            )
            if r["checkworthy_score"] is not None
        }

    body, everything = scores("body"), scores("all")  # label, label --all / report
    assert body and all(everything[k] == pytest.approx(v) for k, v in body.items())
    sentences = articles_to_dataset([page]).to_list()  # `sentences` output
    predicted = {
        (r["article_id"], r["sentence_index"]): r["checkworthy_score"]
        for r in predict_rows(context_model, sentences)
    }
    assert all(predicted[k] == pytest.approx(v, abs=1e-5) for k, v in body.items())


def test_a_repeated_sentence_gets_the_score_of_its_first_occurrence(
    context_model, tmp_path
):
    page = tmp_path / "repeat.txt"
    page.write_text(REPEATING_PAGE, encoding="utf-8")
    rows = list(
        iter_labeled_rows(
            [page], checkworthy_model=context_model, stance_model=None, keep="all"
        )
    )
    repeats = [r for r in rows if r["duplicate_of"] is not None]
    assert repeats
    first = {r["sentence_index"]: r["checkworthy_score"] for r in rows}
    for r in repeats:
        assert r["checkworthy_score"] == first[r["duplicate_of"]]


def test_a_checkworthy_model_that_records_a_threshold_stars_from_it(
    tiny_models, model_files, page, tmp_path
):
    import copy

    cw, _ = tiny_models
    plain = list(iter_labeled_rows([page], checkworthy_model=cw, stance_model=None))
    scores = sorted(r["checkworthy_score"] for r in plain if r["checkworthy_score"])
    # a cut between two scores that sit on the same side of 0.5
    low = [s for s in scores if s < 0.5] or scores
    cut = round((low[0] + low[-1]) / 2, 4) if len(low) > 1 else 0.5
    tuned = copy.deepcopy(cw)
    tuned.decision_threshold_ = cut
    rows = list(iter_labeled_rows([page], checkworthy_model=tuned, stance_model=None))
    scored = [r for r in rows if r["checkworthy_score"] is not None]
    assert [r["checkworthy"] for r in scored] == [
        r["checkworthy_score"] >= cut for r in scored
    ]
    assert [r["checkworthy"] for r in scored] != [
        r["checkworthy_score"] >= 0.5 for r in scored
    ]
    # an explicit threshold wins over the recorded one
    given = list(
        iter_labeled_rows(
            [page], checkworthy_model=tuned, stance_model=None, threshold=0.5
        )
    )
    assert [r["checkworthy"] for r in given] == [r["checkworthy"] for r in plain]
    # the command line's legend shows the recorded threshold
    path = save_model(
        tuned,
        tmp_path / "tuned.skmodel",
        metadata={"task": "checkworthy", "threshold": cut},
    )
    result = runner.invoke(
        app,
        [
            "label",
            str(page),
            "--model-checkworthy",
            str(path),
            "--model-stance",
            str(model_files[1]),
        ],
    )
    assert result.exit_code == 0, result.output
    assert f"★ ≥ {cut:.2f}" in result.stdout
