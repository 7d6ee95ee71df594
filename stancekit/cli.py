"""The ``stancekit`` command line.

Commands parse their options, call the library, and print results. Only this
module turns a :class:`~stancekit.errors.StancekitError` into an exit code:
one line on stderr, exit status 1. Library modules are imported inside the
commands so that ``stancekit --help`` starts fast.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import typer
from typer.core import TyperGroup

from stancekit import __version__
from stancekit.errors import StancekitError


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
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version."
    ),
) -> None:
    """Fact-check and stance labeling of news text, sentence by sentence."""
    warnings.showwarning = _show_warning


@app.command()
def sentences(
    inputs: list[str] = typer.Argument(
        ...,
        help="Article files, folders, article tables (.jsonl/.csv), or - for stdin.",
    ),
    out: Path | None = typer.Option(
        None,
        "--out",
        "-o",
        help="Write .jsonl, .csv, .parquet, or a save_to_disk folder "
        "(chosen by extension). Default: JSONL on stdout.",
    ),
    keep_all: bool = typer.Option(
        False,
        "--all",
        help="Keep every block (captions, credits, boilerplate, repeats), flagged.",
    ),
) -> None:
    """Split articles into sentence-level examples (JSONL on stdout)."""
    from stancekit.dataset import SENTENCE_FEATURES, iter_sentence_rows
    from stancekit.output import write_rows

    rows = iter_sentence_rows(inputs, keep="all" if keep_all else "body", progress=True)
    write_rows(rows, out, features=SENTENCE_FEATURES)


def main() -> None:
    """Entry point of the ``stancekit`` console script."""
    app(prog_name="stancekit")
