"""Multi-process sentences, predict and label: same rows, same order as one job."""

from __future__ import annotations

import json
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from _examples import TARGET
from typer.testing import CliRunner

from stancekit.cli import app
from stancekit.dataset import iter_sentence_rows
from stancekit.engines import local as engine_local
from stancekit.engines.local import check_jobs, ordered_map
from stancekit.errors import InputError, ModelFileError
from stancekit.persist.files import save_model
from stancekit.pipeline import parallel
from stancekit.pipeline.labeling import iter_labeled_rows, label
from stancekit.pipeline.parallel import (
    parallel_labeled_rows,
    parallel_predict_rows,
    parallel_sentence_rows,
    worker_model,
)
from stancekit.pipeline.predict import iter_input_rows, predict_rows

runner = CliRunner()

PLACES = ["Ardena", "Belmor", "Corvik", "Dunmere", "Estavel", "Farrow", "Galdin"]


def _article(i: int) -> str:
    place = PLACES[i % len(PLACES)]
    return (
        f"{place} plans stadium vote\n\n"
        f"The council of {place} voted {20 + i} to {i % 9} on Monday to lend "
        f"€{30 + i} million for the new stadium.\n"
        f"“This stadium will bring {100 * i} jobs,” Mayor Ivo Brandt said.\n\n"
        f"Critics in {place} said the plan was a waste of public money. "
        "Thank you for reading.\n"
    )


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    """Eleven small articles in a folder, and a table of rows to classify."""
    root = tmp_path_factory.mktemp("news")
    folder = root / "articles"
    folder.mkdir()
    for i in range(11):
        (folder / f"a{i:02d}.txt").write_text(_article(i), encoding="utf-8")
    table = root / "rows.jsonl"
    rows = [
        {"text": f"Turnout was {40 + i} percent in {PLACES[i % 7]}.", "group": i // 3}
        for i in range(9)
    ]
    table.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return folder, table


@pytest.fixture(scope="module")
def model_files(tiny_models, tmp_path_factory):
    cw, st = tiny_models
    folder = tmp_path_factory.mktemp("models")
    return (
        save_model(cw, folder / "cw.skmodel", metadata={"task": "checkworthy"}),
        save_model(st, folder / "st.skmodel", metadata={"task": "stance"}),
    )


@pytest.fixture
def small_chunks(monkeypatch):
    # Several chunks from a few articles, so ordering across workers matters.
    monkeypatch.setattr(parallel, "CHUNK_ARTICLES", 2)


@pytest.mark.parametrize("keep", ["body", "all"])
def test_sentence_rows_match_one_job(news, small_chunks, keep):
    folder, _ = news
    expected = list(iter_sentence_rows([folder], keep))
    assert len(expected) > 20
    assert list(parallel_sentence_rows([folder], keep, jobs=2)) == expected


def test_labeled_rows_match_one_job(news, tiny_models, model_files, small_chunks):
    folder, _ = news
    cw, st = tiny_models
    expected = list(
        iter_labeled_rows(
            [folder],
            [TARGET, "Taxes should rise"],
            checkworthy_model=cw,
            stance_model=st,
        )
    )
    from_files = list(
        parallel_labeled_rows(
            [folder],
            [TARGET, "Taxes should rise"],
            checkworthy_model=model_files[0],
            stance_model=model_files[1],
            jobs=2,
        )
    )
    assert from_files == expected
    # Estimators given from Python reach the workers through the initializer.
    from_objects = list(
        iter_labeled_rows(
            [folder],
            [TARGET, "Taxes should rise"],
            checkworthy_model=cw,
            stance_model=st,
            jobs=2,
        )
    )
    assert from_objects == expected


def test_label_dataset_with_jobs(news, tiny_models):
    folder, _ = news
    cw, st = tiny_models
    one = label([folder], checkworthy_model=cw, stance_model=None)
    two = label([folder], checkworthy_model=cw, stance_model=None, jobs=2)
    assert two.to_list() == one.to_list()
    assert set(one["stance"]) == {None}


def test_predict_rows_match_one_job(news, tiny_models, model_files, small_chunks):
    folder, table = news
    cw, _ = tiny_models
    inputs = [str(table), str(folder), str(table)]
    expected = list(predict_rows(cw, iter_input_rows(inputs), explain=True))
    got = list(parallel_predict_rows(inputs, model_files[0], explain=True, jobs=2))
    assert got == expected
    assert [r.get("group") for r in got[:9]] == [i // 3 for i in range(9)]


def test_worker_error_reaches_the_caller(news, tmp_path):
    folder, _ = news
    missing = tmp_path / "nowhere.skmodel"
    with pytest.raises(ModelFileError, match="nowhere.skmodel"):
        list(
            parallel_labeled_rows(
                [folder], checkworthy_model=missing, stance_model=None, jobs=2
            )
        )


def test_worker_model_loads_once_and_reloads_a_new_file(tiny_models, tmp_path):
    cw, st = tiny_models
    path = save_model(cw, tmp_path / "m.skmodel")
    first = worker_model(str(path), "checkworthy")
    assert worker_model(path, "checkworthy") is first
    save_model(st, path)
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))
    second = worker_model(str(path), "checkworthy")
    assert type(second).__name__ == "StanceClassifier"
    assert worker_model(None) is None
    assert worker_model(cw) is cw


@pytest.mark.parametrize("jobs", [0, -2, 1.5, True, "2"])
def test_check_jobs_refuses(jobs):
    with pytest.raises(InputError, match="jobs must be a positive int, or -1"):
        check_jobs(jobs)


def test_check_jobs_minus_one_is_cpu_count():
    assert check_jobs(-1) == (os.cpu_count() or 1)
    assert check_jobs(3) == 3


def test_ordered_map_keeps_order_and_bounds_the_work_in_flight():
    pulled = []
    running = []
    lock = threading.Lock()
    peak = [0]

    def chunks():
        for i in range(12):
            pulled.append(i)
            yield i

    def work(i):
        with lock:
            running.append(i)
            peak[0] = max(peak[0], len(running))
        time.sleep(0.02 * (i % 3))  # later chunks often finish first
        with lock:
            running.remove(i)
        return i * 10

    with ThreadPoolExecutor(4) as pool:
        results = []
        for value in ordered_map(pool, work, chunks(), window=3):
            # Never more than `window` chunks read ahead of what was taken.
            assert len(pulled) - len(results) <= 3
            results.append(value)
    assert results == [i * 10 for i in range(12)]
    assert peak[0] <= 3


def test_ordered_map_cancels_queued_work_on_error():
    def work(i):
        if i == 1:
            raise ValueError("chunk 1 failed")
        return i

    with ThreadPoolExecutor(1) as pool, pytest.raises(ValueError, match="chunk 1"):
        list(ordered_map(pool, work, range(100), window=4))


# ---------------------------------------------------------------- the CLI


def _jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_cli_sentences_jobs(news):
    folder, _ = news
    one = runner.invoke(app, ["sentences", str(folder), "--all"])
    two = runner.invoke(app, ["sentences", str(folder), "--all", "--jobs", "2"])
    assert one.exit_code == 0 and two.exit_code == 0, two.output
    assert _jsonl(two.stdout) == _jsonl(one.stdout)


def test_cli_predict_jobs(news, model_files):
    folder, table = news
    args = ["predict", str(folder), str(table), "--model", str(model_files[0])]
    one = runner.invoke(app, args)
    two = runner.invoke(app, [*args, "-j", "2"])
    assert two.exit_code == 0, two.output
    assert _jsonl(two.stdout) == _jsonl(one.stdout)


def test_cli_label_jobs(news, model_files, tmp_path):
    folder, _ = news
    args = [
        "label",
        str(folder),
        "--model-checkworthy",
        str(model_files[0]),
        "--model-stance",
        str(model_files[1]),
        "--target",
        TARGET,
    ]
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert runner.invoke(app, [*args, "--out", str(one)]).exit_code == 0
    result = runner.invoke(app, [*args, "--out", str(two), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert _jsonl(two.read_text()) == _jsonl(one.read_text())


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--jobs", "0"], "jobs must be a positive int"),
        (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
    ],
)
def test_cli_label_refuses_bad_options(news, model_files, extra, message):
    folder, _ = news
    args = ["label", str(folder), "--model-checkworthy", str(model_files[0])]
    result = runner.invoke(app, [*args, "--model-stance", str(model_files[1]), *extra])
    assert result.exit_code == 1
    assert message in result.stderr


def test_cli_label_lists_the_engines_when_one_is_unknown(news):
    folder, _ = news
    result = runner.invoke(app, ["label", str(folder), "--engine", "spark"])
    assert result.exit_code == 2
    assert "'spark' is not one of 'local'" in result.output


def test_model_files_load_once_per_worker_not_per_chunk(
    news, model_files, small_chunks, monkeypatch
):
    # An in-process executor shares this process's cache, as a worker's
    # chunks share the worker's: many chunks, one load per model file.
    import stancekit.persist.files

    folder, _ = news
    engine_local._OBJECTS.clear()
    loads = []
    real = stancekit.persist.load_model

    def counting(path, **kwargs):
        loads.append(str(path))
        return real(path, **kwargs)

    monkeypatch.setattr(stancekit.persist.files, "load_model", counting)
    with ThreadPoolExecutor(2) as pool:
        rows = list(
            parallel_labeled_rows(
                [folder],
                checkworthy_model=model_files[0],
                stance_model=model_files[1],
                jobs=2,
                executor=pool,
            )
        )
    assert len({r["article_id"] for r in rows}) == 11  # six chunks of two
    assert sorted(loads) == sorted(str(p.resolve()) for p in model_files)
