"""The ``stancekit`` command line.

Commands parse their options, call the library, and print results. Only this
module turns a :class:`~stancekit.errors.StancekitError` into an exit code:
one line on stderr, exit status 1. Library modules are imported inside the
commands so that ``stancekit --help`` starts fast.

No ``from __future__ import annotations`` here: typer reads every command's
annotations when it builds the command line, and string annotations cost it
an ``eval`` each (about 20 ms of every run, for all seven commands).
"""

import gc
import os
import sys
import warnings
from collections.abc import Iterable, Iterator
from enum import Enum
from itertools import chain
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from stancekit import __version__
from stancekit.errors import InputError, StancekitError, StancekitWarning
from stancekit.tasks import TASKS


def _usage_error(exc: Exception) -> str:
    """A click usage error as one line, without pydantic's "Value error, "."""
    message = exc.format_message().replace("Value error, ", "")  # type: ignore[attr-defined]
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        message += f" (see '{ctx.command_path} --help')"
    return f"stancekit: error: {' '.join(message.split())}"


class _Group(TyperGroup):
    """Turns stancekit's own errors and usage errors into one clear line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _coerce_lightly(self.params)

    def get_help_option(self, ctx):  # type: ignore[no-untyped-def]
        option = super().get_help_option(ctx)
        _coerce_lightly([option] if option is not None else [])
        return option

    def main(self, *args: Any, standalone_mode: bool = True, **extra: Any) -> Any:  # type: ignore[override]
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **extra)
        try:
            code = super().main(*args, standalone_mode=False, **extra)
        except typer.Abort:
            typer.echo("stancekit: aborted.", err=True)
            sys.exit(1)
        except Exception as exc:
            # click's usage errors (typer vendors click, so by their shape).
            if not (hasattr(exc, "format_message") and hasattr(exc, "exit_code")):
                raise
            if type(exc).__name__ == "NoArgsIsHelpError":
                # `stancekit` alone prints the help (typer's rich help is
                # printed while the error is made; plain click's is not).
                message = exc.format_message()  # type: ignore[attr-defined]
                if message.strip():
                    typer.echo(message)
                sys.exit(exc.exit_code)
            typer.echo(_usage_error(exc), err=True)
            sys.exit(exc.exit_code)
        sys.exit(code if isinstance(code, int) else 0)

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


_NOT_TYPED = object()


def _already_typed(value: Any, annotation: Any, info: Any) -> Any:
    """``value`` itself when it already has the parameter's type, else a marker.

    Defaults (``0.5``, ``Engine.local``, ``"default"``) and plain strings
    need no conversion; anything else (a number typed on the command line,
    a value out of range) goes to typer's own coercion and its messages.
    """
    from typing import get_args, get_origin

    if get_origin(annotation) is list:
        strings = isinstance(value, (list, tuple)) and all(
            type(item) is str for item in value
        )
        return list(value) if strings and get_args(annotation) == (str,) else _NOT_TYPED
    if annotation in (str, bool) and type(value) is annotation:
        return value
    if annotation in (int, float) and type(value) is annotation:
        low, high = getattr(info, "min", None), getattr(info, "max", None)
        if (low is None or value >= low) and (high is None or value <= high):
            return value
        return _NOT_TYPED
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return value if isinstance(value, annotation) else _NOT_TYPED
    return _NOT_TYPED


class _Coercion:
    """typer's coercion of one parameter, built only for values that need it.

    typer (0.2x) converts every value, defaults included, through a pydantic
    ``TypeAdapter``; importing pydantic and building the adapters costs about
    0.15 s, a twentieth of ``stancekit label`` on one article. Values that
    already have their type pass through; the rest take typer's own path.
    """

    def __init__(self, descriptor: Any) -> None:
        self.descriptor = descriptor
        self._typer: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        many = param.multiple or param.nargs == -1
        if value is None:
            return () if many else None
        if not (many and isinstance(value, str)):
            typed = _already_typed(
                value, self.descriptor.annotation, self.descriptor.parameter_info
            )
            if typed is not _NOT_TYPED:
                return typed
        if self._typer is None:
            self._typer = _typer_coercion()(self.descriptor)
        return self._typer.coerce(value, param=param, ctx=ctx)


def _typer_coercion() -> Any:
    """typer's own ``build_runtime_param``, or None where typer has none.

    A private part of typer 0.2x, already imported with typer; looked up in
    ``sys.modules`` so that a typer without it leaves coercion to typer.
    """
    return getattr(sys.modules.get("typer._coercion"), "build_runtime_param", None)


def _coerce_lightly(params: Iterable[Any]) -> None:
    """Give typer's parameters the :class:`_Coercion` (typer 0.2x only)."""
    if _typer_coercion() is None:
        return
    for param in params:
        if getattr(param, "_runtime_param", False) is None:
            param._runtime_param = _Coercion(param.type_descriptor)


class _Command(TyperCommand):
    """A command whose help reads like a man page's: ``INPUT...``, no ``<bool>``.

    typer shows every parameter's Python type; on flags (``<bool>``) and
    repeatable options (``<list[str]>``) that is noise, and the usage line
    wraps required arguments in braces (``{inputs}...``).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _coerce_lightly(self.params)
        for param in self.params:
            if isinstance(param, TyperArgument):
                if param.nargs != 1:
                    # The name column says INPUT...; the type is one string.
                    param.display_type_rich = lambda ctx: "<str>"  # type: ignore[method-assign]
                continue
            if getattr(param, "is_flag", False):
                param.metavar = ""
            elif param.multiple and param.metavar is None:
                param.metavar = "<str>"

    def get_help_option(self, ctx):  # type: ignore[no-untyped-def]
        option = super().get_help_option(ctx)
        if option is not None:
            _coerce_lightly([option])
            option.metavar = ""
        return option

    def collect_usage_pieces(self, ctx):  # type: ignore[no-untyped-def]
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                name = param.metavar or param.name.upper()
                name += "..." if param.nargs != 1 else ""
                pieces.append(name if param.required else f"[{name}]")
        return pieces


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
    warnings.simplefilter("always", StancekitWarning)


class Engine(str, Enum):
    """Where ``label`` runs: local processes, or a Dask cluster."""

    local = "local"
    dask = "dask"


# The task names of the registry, as choices that --help lists.
TaskName = Enum("TaskName", {name: name for name in TASKS}, type=str)

_JOBS_HELP = "Worker processes (-1: one per CPU); the output does not depend on it."
_PROGRESS_HELP = (
    "Show progress on stderr (default: only when stderr is a terminal); "
    "--quiet hides it."
)
_INPUT = "INPUT"

Progress = Annotated[
    bool | None, typer.Option("--progress/--quiet", help=_PROGRESS_HELP)
]


def _stream(
    rows: Iterable[dict[str, Any]], inputs: list[str], progress: bool | None
) -> tuple[Any, Iterator[dict[str, Any]]]:
    """``rows`` counted (and shown on stderr when wanted) on their way out."""
    from stancekit.present.progress import RowMeter, count_articles, progress_wanted

    show = progress_wanted(progress)
    meter = RowMeter(show, count_articles(inputs) if show else None)
    return meter, meter.track(rows)


# True when this process is the ``stancekit`` command (main() ran), not a
# program that calls the typer app, such as a test runner.
_OWN_PROCESS = False


def _collect_after_first(rows: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """``rows``, with garbage collection held until the first one is out.

    Before the first row, ``label`` imports scikit-learn and loads both
    models: hundreds of thousands of objects that live until the process
    ends, which the collector would walk again and again for nothing (about
    0.1 to 0.3 CPU s of one article). In the ``stancekit`` command, the
    collector waits; then everything made so far is moved out of its sight
    (:func:`gc.freeze`) and it runs as usual for the rest of a long run.
    """
    if not _OWN_PROCESS or not gc.isenabled():
        yield from rows
        return
    gc.disable()
    try:
        first = next(rows, None)
    finally:
        gc.freeze()
        gc.enable()
    if first is not None:
        yield first
        yield from rows


#: Where a command's error for an empty input points when lines flagged as
#: page furniture were left out: the option that keeps them, or the command
#: that shows them.
_KEEPS_FLAGGED = "--all keeps them"
_SHOWS_FLAGGED = "stancekit sentences --all shows them"


def _nothing_in(what: str, flagged: str | None) -> str:
    """What an input that gave no rows may have held. ``flagged``: where the
    lines flagged as page furniture can be seen, when they were left out."""
    if flagged is None:
        return f"no {what} in the input (no articles, or only empty ones)"
    return (
        f"no {what} in the input (no articles, only empty ones, or only lines "
        f"read as page furniture: {flagged})"
    )


def _refuse_empty(
    rows: Iterator[dict[str, Any]], what: str, flagged: str | None = None
) -> Iterator[dict[str, Any]]:
    """``rows`` unchanged, or an error when there are none (no empty files);
    ``flagged`` as for :func:`_nothing_in`."""
    first = next(rows, None)
    if first is None:
        raise InputError(f"{_nothing_in(what, flagged)}; nothing written.")
    return chain([first], rows)


def _warn_if_empty(
    rows: Iterator[dict[str, Any]], what: str, flagged: str | None
) -> Iterator[dict[str, Any]]:
    """``rows`` unchanged, and a warning at their end when there were none
    (JSONL on stdout: an empty stream is valid, but not silent)."""
    empty = True
    for row in rows:
        empty = False
        yield row
    if empty:
        warnings.warn(_nothing_in(what, flagged) + ".", StancekitWarning, stacklevel=2)


def _check_out(out: Path | None, *, folder: bool | None = None) -> None:
    """Refuse an ``--out`` that cannot take the output before any work:
    an unknown extension, a missing folder, or a folder that is no saved
    dataset (``folder``: the output is a folder; by default as its
    extension says)."""
    if out is None:
        return
    from stancekit.io.output import check_out, output_format

    check_out(out, folder=output_format(out) == "hf" if folder is None else folder)


def _write(
    rows: Iterable[dict[str, Any]],
    out: Path | None,
    inputs: list[str],
    progress: bool | None,
    *,
    what: str = "sentences",
    features: Any = None,
    flagged: str | None = None,
) -> None:
    """Write rows to ``out`` (or JSONL on stdout), ending with what was written."""
    from stancekit.io.output import write_rows

    meter, rows = _stream(rows, inputs, progress)
    if out is None:
        write_rows(_warn_if_empty(rows, what, flagged), None, features=features)
        return
    write_rows(_refuse_empty(rows, what, flagged), out, features=features)
    typer.echo(meter.wrote(out), err=True)


@app.command(cls=_Command)
def sentences(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar=_INPUT,
            help="Article files, folders, article tables (.jsonl/.csv), or - for stdin.",
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
    progress: Progress = None,
) -> None:
    """Split articles into sentence-level examples (JSONL on stdout)."""
    from stancekit.dataset import SENTENCE_FEATURES, iter_sentence_rows

    _check_out(out)

    keep = "all" if keep_all else "body"
    if jobs == 1:
        rows = iter_sentence_rows(inputs, keep=keep)
    else:
        from stancekit.pipeline.parallel import parallel_sentence_rows

        rows = parallel_sentence_rows(inputs, keep, jobs=jobs)
    _write(
        rows,
        out,
        inputs,
        progress,
        features=SENTENCE_FEATURES,
        flagged=None if keep_all else _KEEPS_FLAGGED,
    )


# Generic tables (csv, jsonl, parquet, hf) name their columns with these.
_TEXT_COL_HELP = "Tables: the column holding the text. Default: text."
_LABEL_COL_HELP = "Tables: the column holding the label. Default: label."
_GROUP_COL_HELP = (
    "Tables: the column naming each row's document (debate, article), for "
    "grouped folds and ranking metrics. Default: group, if present."
)
_TARGET_COL_HELP = (
    "Tables, stance: the column holding the claim or topic. Default: target."
)
# The column options of train and evaluate, declared once.
TextCol = Annotated[str | None, typer.Option("--text-col", help=_TEXT_COL_HELP)]
LabelCol = Annotated[str | None, typer.Option("--label-col", help=_LABEL_COL_HELP)]
GroupCol = Annotated[str | None, typer.Option("--group-col", help=_GROUP_COL_HELP)]
TargetCol = Annotated[str | None, typer.Option("--target-col", help=_TARGET_COL_HELP)]


def _model_path(spec: str, task: str | None) -> Path:
    """A ``--model`` value as a file path; ``default`` is the bundled model."""
    from stancekit.pipeline.resolve import resolve_model

    return resolve_model(spec, task)


def _refuse_out_over_data(out: Path, data: list[str]) -> None:
    """``train --out`` naming one of its own ``--data`` files would replace
    the data with the model: refused before any work."""
    # (Not parse_spec: it reads the data, which the other checks of the
    # options come before.)
    target = os.path.realpath(os.path.expanduser(out))
    for spec in data:
        for path in (spec, spec.partition(":")[2]):
            if path and os.path.realpath(os.path.expanduser(path)) == target:
                raise InputError(
                    f"--out {str(out)!r} is the training data {spec!r}; "
                    "give the model file another name."
                )


def _load(spec: str, task: str | None) -> object:
    from stancekit.pipeline.resolve import load_task_model

    return load_task_model(spec, task)


@app.command(cls=_Command)
def train(
    task: Annotated[TaskName, typer.Argument(metavar="TASK", help="What to learn.")],
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
            help="Folds of the recipe selection (default 3; 4 for 4-39 documents); "
            "report the chosen recipe's K-fold figures, grouped by document.",
        ),
    ] = None,
    recipe: Annotated[
        str | None,
        typer.Option(
            "--recipe",
            help="Use this candidate recipe instead of choosing by grouped CV "
            "(plain, stancekit; checkworthy also ranker; stance also topic, "
            "per-target, headline, polarity).",
        ),
    ] = None,
    seed: Annotated[
        int, typer.Option("--seed", help="Random seed of the model and folds.")
    ] = 0,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            help="An estimator parameter NAME=VALUE (a number, true/false, null "
            "or text), repeatable: --param C=0.5 --param decision=argmax. Implies "
            "--recipe stancekit unless a recipe is named.",
        ),
    ] = None,
    metric: Annotated[
        str | None,
        typer.Option(
            "--metric",
            help="The figure that picks the recipe and tunes it: accuracy, "
            "macro_f1, f1_positive, average_precision, map, r_precision, f_avg "
            "or fnc_score (default: the benchmark's own; ClaimBuster files "
            "f1_positive, CLEF debates map).",
        ),
    ] = None,
    tune_threshold: Annotated[
        bool,
        typer.Option(
            "--tune-threshold/--no-tune-threshold",
            help="When F1 of the check-worthy label picks the recipe (tables "
            "without documents, ClaimBuster, --metric f1_positive): call a row "
            "check-worthy from the probability of best F1 on held-out folds "
            "(default), or from 0.5.",
        ),
    ] = True,
    text_col: TextCol = None,
    label_col: LabelCol = None,
    group_col: GroupCol = None,
    target_col: TargetCol = None,
    progress: Progress = None,
) -> None:
    """Train a model from labeled data and save it to one file."""
    task = task.value
    from stancekit.pipeline.training import train as train_model
    from stancekit.present.progress import progress_wanted

    params = _params(param or [])
    _refuse_out_over_data(out, data)
    try:
        meta = train_model(
            task,
            data,
            out,
            cv=cv,
            recipe=recipe,
            seed=seed,
            params=params,
            tune_threshold=tune_threshold,
            metric=metric,
            text_col=text_col,
            label_col=label_col,
            group_col=group_col,
            target_col=target_col,
            progress=progress_wanted(progress),
        )
    except StancekitError:
        raise  # the data's own errors, one line each already
    except (ValueError, TypeError) as exc:
        if not params:
            raise
        # the estimator refused a value given with --param
        raise InputError(f"--param: {exc}") from None
    labels = ", ".join(f"{k}: {v}" for k, v in meta["label_counts"].items())
    typer.echo(
        f"trained {task} on {meta['n_samples']} rows ({labels}) "
        f"in {meta['training_seconds']:.1f} s -> {out}"
    )
    chosen = meta.get("selection", {})
    if "candidates" in chosen:
        figures = ", ".join(f"{k} {v:.3f}" for k, v in chosen["candidates"].items())
        how = "grouped" if chosen.get("grouped") else "stratified"
        typer.echo(
            f"recipe {meta['recipe']} ({chosen['metric']}, {chosen['folds']}-fold "
            f"{how} CV on {chosen['rows']} rows: {figures})"
        )
    if meta.get("threshold") is not None:
        typer.echo(
            f"threshold {meta['threshold']:.2f}: the probability of best F1 on "
            "held-out folds"
        )
    if "metrics" in meta:
        m = meta["metrics"]["cv"]
        how = "grouped by document" if m["grouped"] else "stratified"
        typer.echo(f"cross-validation, {m['folds']} folds {how}:")
        typer.echo(_metrics_table(m))


@app.command(cls=_Command)
def predict(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar=_INPUT,
            help="Article files or folders (split into sentences), tables "
            "(.csv/.jsonl/.parquet, FORMAT:PATH) classified row by row, or - (stdin).",
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
            "--target",
            "-t",
            help="Stance models: the claim or topic for every row (tables may "
            "have a 'target' column instead).",
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
        bool,
        typer.Option(
            "--explain",
            help="Add the reasons, each saying which way it pushed the score.",
        ),
    ] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help=_JOBS_HELP)] = 1,
    progress: Progress = None,
) -> None:
    """Label sentences or table rows with a trained model (JSONL on stdout)."""
    from stancekit.pipeline.predict import (
        check_stance_target,
        iter_input_rows,
        predict_rows,
        reads_articles,
    )

    _check_out(out)
    task = "stance" if target is not None else "checkworthy"
    if jobs != 1:
        from stancekit.pipeline.parallel import parallel_predict_rows

        rows = parallel_predict_rows(
            inputs, model, task=task, target=target, explain=explain, jobs=jobs
        )
    else:
        fitted = _load(model, task)
        # A stance model needs a target per row: say so before reading anything.
        check_stance_target(fitted, inputs, target)
        rows = predict_rows(
            fitted, iter_input_rows(inputs), target=target, explain=explain
        )
    # only articles are cleaned; a table's rows are read as they are
    flagged = _SHOWS_FLAGGED if reads_articles(inputs) else None
    _write(rows, out, inputs, progress, what="rows", flagged=flagged)


@app.command(cls=_Command)
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
    text_col: TextCol = None,
    label_col: LabelCol = None,
    group_col: GroupCol = None,
    target_col: TargetCol = None,
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


@app.command(cls=_Command)
def info(
    model: Annotated[
        str, typer.Argument(metavar="MODEL", help="A model file, or 'default'.")
    ],
    task: Annotated[
        TaskName | None,
        typer.Option("--task", help="Which default model 'default' means."),
    ] = None,
) -> None:
    """Print what a model file says about itself (task, labels, data, metrics).

    'stancekit info default' without --task prints the card of every default
    model.
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
            if "stance_corpus_metrics" in recorded:
                meta["metrics"]["stance_corpus_pairs"] = recorded[
                    "stance_corpus_metrics"
                ]
        return "\n".join([format_metadata(meta), *_curve_lines(recorded)])

    if model == DEFAULT and task is None:
        typer.echo("\n\n".join(f"default {name} model\n{card(name)}" for name in TASKS))
        return
    typer.echo(card(task))


def _curve_lines(recorded: dict) -> list[str]:
    """The recorded precision/coverage of favor/against by threshold (held-out
    folds of the stance corpus), the threshold in use marked."""
    curve = recorded.get("precision_coverage_stance_corpus")
    if not curve:
        return []
    chosen = recorded.get("abstain_threshold")
    goal = recorded.get("abstain_precision_goal")
    lines = [
        "precision/coverage of favor/against by threshold, held-out folds of the "
        "stance corpus"
        + (f" (the lowest reaching precision {goal:.2f} is used):" if goal else ":"),
        "  threshold  precision  coverage",
    ]
    for row in curve:
        used = chosen is not None and abs(row["threshold"] - chosen) < 1e-9
        lines.append(
            f"  {row['threshold']:9.2f}  {row['precision']:9.3f}  {row['coverage']:8.3f}"
            + ("  <- used" if used else "")
        )
    return lines


_MIN_STANCE_HELP = (
    "Show favor/against only at this probability or more, else none. "
    "Default: the threshold the stance model records (chosen for precision)."
)
# Options that label and report share, declared once.
MinStanceConfidence = Annotated[
    float | None,
    typer.Option("--min-stance-confidence", min=0.0, max=1.0, help=_MIN_STANCE_HELP),
]
ModelCheckworthy = Annotated[
    str, typer.Option("--model-checkworthy", help="Check-worthiness model file.")
]
ModelStance = Annotated[str, typer.Option("--model-stance", help="Stance model file.")]
_INPUTS_HELP = "Article files, folders, article tables (.jsonl/.csv), or - for stdin."
_Inputs = Annotated[list[str], typer.Argument(metavar=_INPUT, help=_INPUTS_HELP)]


@app.command(cls=_Command)
def label(
    inputs: _Inputs,
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
    model_checkworthy: ModelCheckworthy = "default",
    model_stance: ModelStance = "default",
    keep_all: Annotated[
        bool,
        typer.Option(
            "--all", help="Keep every block (captions, boilerplate, repeats), flagged."
        ),
    ] = False,
    threshold: Annotated[
        float | None,
        typer.Option(
            "--threshold",
            min=0.0,
            max=1.0,
            help="A sentence is check-worthy (starred) when its score is at "
            "least this. Default: the threshold the check-worthiness model "
            "records (trained on a table scored by F1), else 0.5.",
        ),
    ] = None,
    min_stance_confidence: MinStanceConfidence = None,
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
    progress: Progress = None,
) -> None:
    """Label every sentence for check-worthiness and stance, with the default models."""
    from stancekit.pipeline.labeling import iter_labeled_rows, label_features

    _check_out(out)
    options = dict(
        checkworthy_model=model_checkworthy,
        stance_model=model_stance,
        keep="all" if keep_all else "body",
        threshold=threshold,
        jobs=jobs,
        min_stance_confidence=min_stance_confidence,
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
    rows = _collect_after_first(rows)
    flagged = None if keep_all else _KEEPS_FLAGGED
    if out is not None:
        _write(rows, out, inputs, progress, features=label_features(), flagged=flagged)
        return
    from stancekit.present.terminal import terminal_lines

    _, rows = _stream(rows, inputs, progress)
    rows = _refuse_empty(rows, "sentences", flagged=flagged)
    shown = threshold if threshold is not None else _recorded_cut(model_checkworthy)
    for line in terminal_lines(rows, threshold=shown):
        typer.echo(line)


def _params(items: list[str]) -> dict[str, Any]:
    """``--param NAME=VALUE`` items as estimator parameters: a value that reads
    as JSON (``0.5``, ``true``, ``null``, ``[1, 2]``) is that value, else text.

    Examples
    --------
    >>> _params(["C=0.5", "decision=argmax", "ngrams=false"])
    {'C': 0.5, 'decision': 'argmax', 'ngrams': False}
    """
    import json

    params: dict[str, Any] = {}
    for item in items:
        name, sep, text = item.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--param must be NAME=VALUE; got {item!r}.")
        try:
            value = json.loads(text)
        except ValueError:
            value = text
        # ranges such as word_ngrams=[1,3] are tuples to scikit-learn
        params[name.strip()] = tuple(value) if isinstance(value, list) else value
    return params


def _recorded_cut(model: str) -> float:
    """The check-worthy threshold a model file records, else 0.5 (for the legend)."""
    from stancekit.persist.files import read_metadata
    from stancekit.pipeline.resolve import DEFAULT

    if model == DEFAULT:
        return 0.5
    try:
        return float(read_metadata(os.path.expanduser(model)).get("threshold") or 0.5)
    except StancekitError:  # a path only a remote cluster's workers can read
        return 0.5


@app.command(cls=_Command)
def report(
    inputs: _Inputs,
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")],
    target: Annotated[
        list[str] | None,
        typer.Option("--target", "-t", help="A claim or topic for stance; repeatable."),
    ] = None,
    model_checkworthy: ModelCheckworthy = "default",
    model_stance: ModelStance = "default",
    top: Annotated[
        int, typer.Option("--top", help="Check-worthy claims listed per article.")
    ] = 5,
    min_stance_confidence: MinStanceConfidence = None,
    progress: Progress = None,
) -> None:
    """Write one self-contained HTML page showing each article with its labels."""
    from stancekit.pipeline.labeling import iter_labeled_rows
    from stancekit.present.report import write_report

    _check_out(out, folder=False)
    rows = iter_labeled_rows(
        inputs,
        target,
        checkworthy_model=model_checkworthy,
        stance_model=model_stance,
        keep="all",
        min_stance_confidence=min_stance_confidence,
    )
    _, rows = _stream(rows, inputs, progress)
    rows = _refuse_empty(rows, "sentences")
    path = write_report(rows, out, top=top, threshold=_recorded_cut(model_checkworthy))
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
    global _OWN_PROCESS
    _OWN_PROCESS = True
    app(prog_name="stancekit")
