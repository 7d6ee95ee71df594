"""Labeling on Dask: a LocalCluster started here gives the local path's rows."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

# dask and distributed are in the test extra: a broken install fails here,
# it is never skipped.
import dask.bag as db
import dask.dataframe as dd
import distributed
import pandas as pd
import pytest
from _examples import TARGET
from typer.testing import CliRunner

from stancekit.cli import app
from stancekit.errors import InputError, MissingDependencyError
from stancekit.persist.files import save_model
from stancekit.pipeline.distributed import (
    label_dask,
    label_on_cluster,
    labeled_meta,
)
from stancekit.pipeline.labeling import iter_labeled_rows

runner = CliRunner()
#: A local cluster of two worker processes.
LOCAL_DASK = ["--engine", "dask", "-j", "2"]

ARTICLES = [
    {
        "id": f"n{i}",
        "title": f"Council {i} backs the stadium",
        "text": (
            f"The council voted {20 + i} to {i} on Monday to lend €{40 + i} million "
            "for the stadium. Critics said the plan was a waste of public money. "
            f"Turnout was {50 + i} percent. Thank you for reading."
        ),
        "desk": "city" if i % 2 else "sport",
    }
    for i in range(7)
]


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


@pytest.fixture(scope="module")
def model_files(tiny_models, tmp_path_factory):
    cw, st = tiny_models
    folder = tmp_path_factory.mktemp("models")
    return (
        str(save_model(cw, folder / "cw.skmodel")),
        str(save_model(st, folder / "st.skmodel")),
    )


def _plain(value):
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value.item() if hasattr(value, "item") else value


def _records(frame) -> list[dict]:
    return [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


def _same(got: list[dict], expected: list[dict]) -> None:
    assert len(got) == len(expected)
    for a, b in zip(got, expected, strict=True):
        assert a.keys() == b.keys()
        for key in a:
            if key.endswith("_score") and b[key] is not None:
                assert a[key] == pytest.approx(b[key], abs=1e-6)  # float32 column
            else:
                assert a[key] == b[key], key


def test_dataframe_gives_the_local_rows(client, tiny_models, model_files):
    cw, st = tiny_models
    expected = list(
        iter_labeled_rows(ARTICLES, [TARGET], checkworthy_model=cw, stance_model=st)
    )
    frame = dd.from_pandas(pd.DataFrame(ARTICLES), npartitions=3)
    result = label_dask(
        frame,
        TARGET,
        checkworthy_model=model_files[0],
        stance_model=model_files[1],
    )
    assert list(result.columns) == list(expected[0])
    assert result.npartitions == 3
    got = result.compute()
    assert str(got["sentence_index"].dtype) == "int32"
    _same(_records(got), expected)


def test_a_model_file_of_an_older_scikit_learn_warns_once_in_the_caller(
    client, tiny_models, tmp_path, monkeypatch
):
    """The workers load files without version warnings; label_dask gives
    them, once, where it is called."""
    import sklearn
    import sklearn.base

    from stancekit.errors import VersionWarning

    monkeypatch.setattr(sklearn.base, "__version__", "1.3.0")
    monkeypatch.setattr(sklearn, "__version__", "1.3.0")
    cw = str(save_model(tiny_models[0], tmp_path / "cw-old.skmodel"))
    monkeypatch.undo()
    frame = dd.from_pandas(pd.DataFrame(ARTICLES[:2]), npartitions=1)
    with pytest.warns(VersionWarning, match="saved with scikit-learn 1.3.0") as caught:
        out = label_dask(frame, TARGET, checkworthy_model=cw, stance_model=None)
    assert len([w for w in caught if issubclass(w.category, VersionWarning)]) == 1
    assert len(out.compute()) > 0


def test_bag_with_estimators_gives_the_local_rows(client, tiny_models):
    cw, st = tiny_models
    plain = [{k: v for k, v in a.items() if k != "desk"} for a in ARTICLES]
    expected = list(iter_labeled_rows(plain, checkworthy_model=cw, stance_model=st))
    bag = db.from_sequence(plain, npartitions=2)
    got = label_dask(bag, checkworthy_model=cw, stance_model=st).compute()
    _same(_records(got.reset_index(drop=True)), expected)
    # Without a target, each article's headline is its target.
    assert set(got["target"]) == {a["title"] for a in plain}


@pytest.mark.parametrize("collection", ["dataframe", "bag"])
def test_min_stance_confidence_is_honoured_as_on_the_local_path(
    client, tiny_models, collection
):
    cw, st = tiny_models
    plain = [{k: v for k, v in a.items() if k != "desk"} for a in ARTICLES]
    options = dict(checkworthy_model=cw, stance_model=st)
    leaning = list(
        iter_labeled_rows(plain, [TARGET], min_stance_confidence=0.0, **options)
    )
    assert {r["stance"] for r in leaning} - {"none"}, "the example needs a stance"
    expected = list(
        iter_labeled_rows(plain, [TARGET], min_stance_confidence=1.0, **options)
    )
    assert {r["stance"] for r in expected} == {"none"}
    if collection == "dataframe":
        articles = dd.from_pandas(pd.DataFrame(plain), npartitions=2)
    else:
        articles = db.from_sequence(plain, npartitions=2)
    got = label_dask(articles, TARGET, min_stance_confidence=1.0, **options).compute()
    _same(_records(got.reset_index(drop=True)), expected)


def test_meta_matches_the_computed_frame(client, model_files):
    frame = dd.from_pandas(pd.DataFrame(ARTICLES[:2]), npartitions=1)
    result = label_dask(frame, checkworthy_model=model_files[0], stance_model=None)
    computed = result.compute()
    assert list(computed.columns) == list(result._meta.columns)
    assert computed["stance"].isna().all()
    assert list(labeled_meta(["desk"]).columns) == list(result.columns)


@pytest.mark.parametrize("confidence", [[], ["--min-stance-confidence", "1.0"]])
def test_cli_engine_dask_matches_local(model_files, tmp_path, client, confidence):
    table = tmp_path / "news.jsonl"
    table.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES))
    args = [
        "label",
        str(table),
        "--model-checkworthy",
        model_files[0],
        "--model-stance",
        model_files[1],
        *confidence,
    ]
    local, remote = tmp_path / "local.jsonl", tmp_path / "remote.jsonl"
    assert runner.invoke(app, [*args, "--out", str(local)]).exit_code == 0
    address = client.scheduler.address
    result = runner.invoke(
        app,
        [*args, "--out", str(remote), "--engine", "dask", "--scheduler", address],
    )
    assert result.exit_code == 0, result.output
    assert remote.read_text() == local.read_text()
    if confidence:
        stances = {json.loads(line)["stance"] for line in local.open()}
        assert stances == {"none"}


def test_label_on_cluster_needs_model_paths(client, tiny_models):
    cw, _ = tiny_models
    rows = label_on_cluster(
        ARTICLES, scheduler=client.scheduler.address, checkworthy_model=cw
    )
    with pytest.raises(InputError, match="checkworthy model must be a model file"):
        list(rows)


def test_unreachable_scheduler(monkeypatch):
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        rows = label_on_cluster(ARTICLES, scheduler="tcp://127.0.0.1:9")
        with pytest.raises(InputError, match="cannot reach the Dask scheduler"):
            list(rows)


def test_wrong_inputs():
    with pytest.raises(TypeError, match="articles must be a dask.dataframe"):
        label_dask(ARTICLES)
    frame = dd.from_pandas(pd.DataFrame({"body": ["x"]}), npartitions=1)
    with pytest.raises(InputError, match="articles must have a 'text' column"):
        label_dask(frame)
    frame = dd.from_pandas(pd.DataFrame({"text": ["x"]}), npartitions=1)
    with pytest.raises(TypeError, match="checkworthy_model must be a model file"):
        label_dask(frame, checkworthy_model=object())


def test_missing_dask_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(
        MissingDependencyError, match=r'pip install "stancekit\[dask\]"'
    ):
        list(label_on_cluster(ARTICLES, scheduler="tcp://127.0.0.1:9"))


def test_missing_dask_dataframe_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.dataframe", None)
    with pytest.raises(MissingDependencyError, match="needs dask.dataframe"):
        label_dask(object())


def _no_cluster(*args, **kwargs):
    raise AssertionError("a cluster was started")


@pytest.mark.parametrize("damage", ["missing", "corrupt"])
def test_a_bad_model_file_is_one_line_before_a_local_cluster_starts(
    tmp_path, monkeypatch, model_files, damage
):
    monkeypatch.setattr("stancekit.pipeline.distributed.cluster_executor", _no_cluster)
    article = tmp_path / "a.txt"
    article.write_text("The council voted 20 to 7 on Monday.\n", encoding="utf-8")
    bad = tmp_path / "bad.skmodel"
    if damage == "corrupt":
        data = bytearray(Path(model_files[0]).read_bytes())
        data[len(data) // 2] ^= 0xFF
        bad.write_bytes(bytes(data))
    out = tmp_path / "rows.csv"
    result = runner.invoke(
        app,
        ["label", str(article), *LOCAL_DASK, "--model-checkworthy", str(bad)]
        + ["--model-stance", model_files[1], "--out", str(out)],
    )
    assert result.exit_code == 1
    expected = (
        f"model file {bad} does not exist."
        if damage == "missing"
        else f"{bad} is corrupt: its checksum does not match."
    )
    assert result.stderr.splitlines() == [f"stancekit: error: {expected}"]
    assert not out.exists()


def test_a_damaged_default_is_rebuilt_before_a_local_cluster_starts(
    tmp_path, monkeypatch, tiny_models
):
    """The local cluster's workers share this machine's cache: the command
    heals the entry once, with its usual warning, before they start."""
    from stancekit.pipeline import defaults

    monkeypatch.setenv("STANCEKIT_CACHE", str(tmp_path / "cache"))
    built = []

    def build(task, path=None):
        built.append(task)
        model = tiny_models[0] if task == "checkworthy" else tiny_models[1]
        return save_model(model, path, metadata={"task": task})

    monkeypatch.setattr(defaults, "build_default_model", build)
    for task in ("checkworthy", "stance"):
        defaults.ensure_default_model(task)
    path = defaults.default_model_path("stance")
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    started = []
    monkeypatch.setattr(
        "stancekit.pipeline.distributed.cluster_executor",
        lambda *a, **k: started.append(built[:]) or _no_cluster(),
    )
    article = tmp_path / "a.txt"
    article.write_text(
        "Council backs the stadium\n\nIt voted 20 to 7.\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["label", str(article), *LOCAL_DASK])
    assert started == [["checkworthy", "stance", "stance"]]  # rebuilt before
    assert "its checksum does not match); rebuilding it." in result.stderr


def test_a_task_failing_on_the_local_clusters_workers_is_one_line(
    tmp_path, model_files
):
    """The workers' own log block ("Compute Failed", a traceback) is not
    printed: the user sees the one error line. Run as a command, since the
    workers write to the terminal's stderr, not to this process's."""
    import subprocess

    article = tmp_path / "a.txt"
    article.write_text(
        "Council backs the stadium\n\nThe council voted 20 to 7 on Monday.\n",
        encoding="utf-8",
    )
    wrong = str(save_model({"not": "a model"}, tmp_path / "wrong.skmodel"))
    out = tmp_path / "rows.csv"
    result = subprocess.run(
        [sys.executable, "-m", "stancekit", "label", str(article), *LOCAL_DASK]
        + ["--model-checkworthy", model_files[0], "--model-stance", wrong]
        + ["--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("stancekit: error: ")
    assert not out.exists()
