"""The ``stancekit`` command line.

Commands parse their options, call the library, and print results. Only this
module turns a :class:`~stancekit.errors.StancekitError` into an exit code:
one line on stderr, exit status 1. Library modules are imported inside the
commands so that ``stancekit --help`` starts fast.
"""

from __future__ import annotations

import sys
import warnings
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

from stancekit import __version__
from stancekit.errors import InputError, StancekitError
from stancekit.tasks import TASKS


class _Group(TyperGroup):
    """Turns stancekit's own errors into one clear line and exit status 1."""

    def invoke(self, ctx):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except StancekitError as exc:
            typer.echo(f"stancekit: error: {exc}", err=True)
            raise typer.Exit(1) from None
        except BrokenPipeError:
            # `stancekit sentences big.txt | head` is not an error.
            sys.stderr.close()
            raise typer.Exit(0) from None


app = typer.Typer(
    cls=_Group,
    help="Fact-check and stance labeling of news text, sentence by sentence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _show_warning(message, category, filename, lineno, file=None, line=None):  # type: ignore[no-untyped-def]
    # One readable line per warning, not Python's two-line source excerpt.
    print(f"stancekit: warning: {message}", file=sys.stderr)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"stancekit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """Fact-check and stance labeling of news text, sentence by sentence."""
    warnings.showwarning = _show_warning
    # Every problem with the user's input is worth a line, not just the first.
    from stancekit.errors import StancekitWarning

    warnings.simplefilter("always", StancekitWarning)


class Engine(str, Enum):
    """Where ``label`` runs: local processes, or a Dask cluster."""

    local = "local"
    dask = "dask"


# The task names of the registry, as choices that --help lists.
TaskName = Enum("TaskName", {name: name for name in TASKS}, type=str)

_JOBS_HELP = "Worker processes (-1: one per CPU); the output does not depend on it."


@app.command()
def sentences(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Article files, folders, article tables (.jsonl/.csv), or - for stdin."
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Write .jsonl, .csv, .parquet, or a save_to_disk folder "
            "(chosen by extension). Default: JSONL on stdout.",
        ),
    ] = None,
    keep_all: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Keep every block (captions, credits, boilerplate, repeats), flagged.",
        ),
    ] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help=_JOBS_HELP)] = 1,
) -> None:
    """Split articles into sentence-level examples (JSONL on stdout)."""
    from stancekit.dataset import SENTENCE_FEATURES, iter_sentence_rows
    from stancekit.io.output import write_rows

    keep = "all" if keep_all else "body"
    if jobs == 1:
        rows = iter_sentence_rows(inputs, keep=keep, progress=True)
    else:
        from stancekit.pipeline.parallel import parallel_sentence_rows

        rows = parallel_sentence_rows(inputs, keep, jobs=jobs, progress=True)
    write_rows(rows, out, features=SENTENCE_FEATURES)


_COLUMN_HELP = "Column name in generic tables (csv/jsonl/parquet/hf)."


def _model_path(spec: str, task: str | None) -> Path:
    """A ``--model`` value as a file path; ``default`` is the bundled model."""
    from stancekit.pipeline.resolve import resolve_model

    return resolve_model(spec, task)


def _load(spec: str, task: str | None) -> object:
    from stancekit.pipeline.resolve import load_task_model

    return load_task_model(spec, task)


@app.command()
def train(
    task: Annotated[TaskName, typer.Argument(help="What to learn.")],
    data: Annotated[
        list[str],
        typer.Option(
            "--data", "-d", help="Labeled data, FORMAT:PATH or a path; repeatable."
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="The model file to write.")],
    cv: Annotated[
        int | None,
        typer.Option(
            "--cv",
            help="Folds of the recipe selection (default 3); report the chosen "
            "recipe's K-fold figures, grouped by document.",
        ),
    ] = None,
    recipe: Annotated[
        str | None,
        typer.Option(
            "--recipe",
            help="Use this candidate recipe instead of choosing by grouped CV "
            "(plain, stancekit; stance also topic).",
        ),
    ] = None,
    seed: Annotated[
        int, typer.Option("--seed", help="Random seed of the model and folds.")
    ] = 0,
    text_col: Annotated[
        str | None, typer.Option("--text-col", help=_COLUMN_HELP)
    ] = None,
    label_col: Annotated[
        str | None, typer.Option("--label-col", help=_COLUMN_HELP)
    ] = None,
    group_col: Annotated[
        str | None, typer.Option("--group-col", help=_COLUMN_HELP)
    ] = None,
    target_col: Annotated[
        str | None, typer.Option("--target-col", help=_COLUMN_HELP)
    ] = None,
) -> None:
    """Train a model from labeled data and save it to one file."""
    task = task.value
    from stancekit.pipeline.training import train as train_model

    meta = train_model(
        task,
        data,
        out,
        cv=cv,
        recipe=recipe,
        seed=seed,
        text_col=text_col,
        label_col=label_col,
        group_col=group_col,
        target_col=target_col,
        progress=True,
    )
    labels = ", ".join(f"{k}: {v}" for k, v in meta["label_counts"].items())
    typer.echo(
        f"trained {task} on {meta['n_samples']} rows ({labels}) "
        f"in {meta['training_seconds']:.1f} s -> {out}"
    )
    chosen = meta.get("selection", {})
    if "candidates" in chosen:
        figures = ", ".join(f"{k} {v:.3f}" for k, v in chosen["candidates"].items())
        typer.echo(
            f"recipe {meta['recipe']} ({chosen['metric']}, {chosen['folds']}-fold "
            f"grouped CV on {chosen['rows']} rows: {figures})"
        )
    if "metrics" in meta:
        m = meta["metrics"]["cv"]
        how = "grouped by document" if m["grouped"] else "stratified"
        typer.echo(f"cross-validation, {m['folds']} folds {how}:")
        typer.echo(_metrics_table(m))


@app.command()
def predict(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Article files or folders (split into sentences), tables "
            "(.csv/.jsonl/.parquet, FORMAT:PATH) classified row by row, or - (stdin)."
        ),
    ],
    model: Annotated[
        str,
        typer.Option(
            "--model", "-m", help="A model file, or 'default' for the bundled one."
        ),
    ],
    target: Annotated[
        str | None,
        typer.Option(
            "--target", "-t", help="Stance models: the claim or topic for every row."
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Write .jsonl, .csv, .parquet or a save_to_disk folder. "
            "Default: JSONL on stdout.",
        ),
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Add the reasons.")
    ] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help=_JOBS_HELP)] = 1,
) -> None:
    """Label sentences or table rows with a trained model (JSONL on stdout)."""
    from stancekit.io.output import write_rows
    from stancekit.pipeline.predict import iter_input_rows, predict_rows

    task = "stance" if target is not None else "checkworthy"
    if jobs != 1:
        from stancekit.pipeline.parallel import parallel_predict_rows

        write_rows(
            parallel_predict_rows(
                inputs,
                model,
                task=task,
                target=target,
                explain=explain,
                jobs=jobs,
                progress=True,
            ),
            out,
        )
        return
    fitted = _load(model, task)
    rows = iter_input_rows(inputs, progress=True)
    write_rows(predict_rows(fitted, rows, target=target, explain=explain), out)


@app.command()
def evaluate(
    model: Annotated[
        str,
        typer.Option(
            "--model", "-m", help="A model file, or 'default' for the bundled one."
        ),
    ],
    data: Annotated[
        str, typer.Option("--data", "-d", help="Labeled data, FORMAT:PATH.")
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object.")
    ] = False,
    task: Annotated[
        TaskName | None,
        typer.Option("--task", help="Which default model --model default means."),
    ] = None,
    text_col: Annotated[
        str | None, typer.Option("--text-col", help=_COLUMN_HELP)
    ] = None,
    label_col: Annotated[
        str | None, typer.Option("--label-col", help=_COLUMN_HELP)
    ] = None,
    group_col: Annotated[
        str | None, typer.Option("--group-col", help=_COLUMN_HELP)
    ] = None,
    target_col: Annotated[
        str | None, typer.Option("--target-col", help=_COLUMN_HELP)
    ] = None,
) -> None:
    """Score a model on labeled data: a table, or --json for one JSON object."""
    import json

    from stancekit.pipeline.predict import evaluate_model

    fitted = _load(model, task.value if task else "checkworthy")
    result = evaluate_model(
        fitted,
        data,
        text_col=text_col,
        label_col=label_col,
        group_col=group_col,
        target_col=target_col,
    )
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False))
    else:
        typer.echo(_metrics_table(result))


@app.command()
def info(
    model: Annotated[str, typer.Argument(help="A model file, or 'default'.")],
    task: Annotated[
        TaskName | None,
        typer.Option("--task", help="Which default model 'default' means."),
    ] = None,
) -> None:
    """Print what a model file says about itself (task, labels, data, metrics).

    ``info default`` without ``--task`` prints the card of every default model.
    """
    task = task.value if task else None
    from stancekit.persist.files import format_metadata, read_metadata
    from stancekit.pipeline.defaults import DEFAULT, TASKS, recorded_cards

    def card(name: str | None) -> str:
        meta = read_metadata(_model_path(model, name))
        recorded = recorded_cards().get(name, {}) if model == DEFAULT else {}
        if recorded:
            # The figures recorded for this corpus, even if the cached model
            # was built before they were measured.
            meta["metrics"] = {recorded["method"]: recorded["metrics"]}
        return format_metadata(meta)

    if model == DEFAULT and task is None:
        typer.echo("\n\n".join(f"default {name} model\n{card(name)}" for name in TASKS))
        return
    typer.echo(card(task))


_INPUTS_HELP = "Article files, folders, article tables (.jsonl/.csv), or - for stdin."


@app.command()
def label(
    inputs: Annotated[list[str], typer.Argument(help=_INPUTS_HELP)],
    target: Annotated[
        list[str] | None,
        typer.Option(
            "--target",
            "-t",
            help="A claim or topic to measure stance toward; repeatable. "
            "Default: each article's headline.",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Write .jsonl, .csv, .parquet or a save_to_disk folder. "
            "Default: a readable table on the terminal.",
        ),
    ] = None,
    model_checkworthy: Annotated[
        str, typer.Option("--model-checkworthy", help="Check-worthiness model file.")
    ] = "default",
    model_stance: Annotated[
        str, typer.Option("--model-stance", help="Stance model file.")
    ] = "default",
    keep_all: Annotated[
        bool,
        typer.Option(
            "--all", help="Keep every block (captions, boilerplate, repeats), flagged."
        ),
    ] = False,
    threshold: Annotated[
        float,
        typer.Option("--threshold", help="checkworthy is checkworthy_score >= this."),
    ] = 0.5,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help=_JOBS_HELP)] = 1,
    engine: Annotated[
        Engine, typer.Option("--engine", help="Where the work runs.")
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="--engine dask: the scheduler address (tcp://host:8786). "
            "Default: a local cluster of --jobs workers.",
        ),
    ] = None,
) -> None:
    """Label every sentence for check-worthiness and stance, with the default models."""
    from stancekit.io.output import write_rows
    from stancekit.pipeline.labeling import iter_labeled_rows, label_features

    options = dict(
        checkworthy_model=model_checkworthy,
        stance_model=model_stance,
        keep="all" if keep_all else "body",
        threshold=threshold,
        jobs=jobs,
        progress=True,
    )
    if scheduler is not None and engine is not Engine.dask:
        raise InputError(
            f"--scheduler needs --engine dask; got --engine {engine.value!r}."
        )
    if engine is Engine.dask:
        from stancekit.pipeline.distributed import label_on_cluster

        rows = label_on_cluster(inputs, target, scheduler=scheduler, **options)
    else:
        rows = iter_labeled_rows(inputs, target, **options)
    if out is not None:
        write_rows(rows, out, features=label_features())
        return
    from stancekit.present.terminal import terminal_lines

    for line in terminal_lines(rows):
        typer.echo(line)


@app.command()
def report(
    inputs: Annotated[list[str], typer.Argument(help=_INPUTS_HELP)],
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")],
    target: Annotated[
        list[str] | None,
        typer.Option("--target", "-t", help="A claim or topic for stance; repeatable."),
    ] = None,
    model_checkworthy: Annotated[
        str, typer.Option("--model-checkworthy", help="Check-worthiness model file.")
    ] = "default",
    model_stance: Annotated[
        str, typer.Option("--model-stance", help="Stance model file.")
    ] = "default",
    top: Annotated[
        int, typer.Option("--top", help="Check-worthy claims listed per article.")
    ] = 5,
) -> None:
    """Write one self-contained HTML page showing each article with its labels."""
    from stancekit.pipeline.labeling import iter_labeled_rows
    from stancekit.present.report import write_report

    rows = iter_labeled_rows(
        inputs,
        target,
        checkworthy_model=model_checkworthy,
        stance_model=model_stance,
        keep="all",
        progress=True,
    )
    path = write_report(rows, out, top=top)
    typer.echo(f"wrote {path}", err=True)


_HEADLINE = (
    "n",
    "accuracy",
    "macro_f1",
    "f1_positive",
    "average_precision",
    "map",
    "r_precision",
    "brier",
    "ece",
    "fnc_score",
    "f_avg",
)


def _metrics_table(m: dict) -> str:
    """Metrics as aligned text: headline figures, P@k, per class, confusion."""
    lines = []
    for key in _HEADLINE:
        if key in m:
            value = m[key]
            lines.append(f"  {key:18} {value if key == 'n' else f'{value:.4f}'}")
    if "p_at_k" in m:
        ks = "  ".join(f"P@{k} {v:.3f}" for k, v in m["p_at_k"].items())
        lines.append(f"  {'p_at_k':18} {ks}")
    lines.append(
        f"  {'class':18} {'precision':>9} {'recall':>9} {'f1':>9} {'support':>8}"
    )
    for label, row in m["per_class"].items():
        lines.append(
            f"  {label:18} {row['precision']:9.4f} {row['recall']:9.4f} "
            f"{row['f1']:9.4f} {row['support']:8d}"
        )
    cm = m["confusion_matrix"]
    labels = [str(v) for v in cm["labels"]]
    width = max(8, *(len(s) for s in labels))
    lines.append("  confusion (rows: true, columns: predicted)")
    lines.append("  " + " " * width + "".join(f" {s:>{width}}" for s in labels))
    for label, row in zip(labels, cm["matrix"], strict=True):
        lines.append(f"  {label:>{width}}" + "".join(f" {v:>{width}d}" for v in row))
    return "\n".join(lines)


def main() -> None:
    """Entry point of the ``stancekit`` console script."""
    app(prog_name="stancekit")
