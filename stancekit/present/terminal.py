"""Views of labeled rows for people: grouping, and the terminal table.

Labeled rows are long (one row per sentence and target); a person reads one
sentence with all its stances, so both the terminal view and the HTML report
fold the rows back per sentence here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import Any

__all__ = ["group_sentences", "legend", "terminal_lines"]

_QUIET_STANCES = frozenset({"none", "NONE", "observing", "unrelated", "discuss"})


def group_sentences(
    rows: Iterable[dict[str, Any]],
) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Per article, its sentences, each with ``stances``: (target, label, score).

    Examples
    --------
    >>> rows = [{"article_id": "a", "sentence_index": 0, "text": "X.",
    ...          "target": "T1", "stance": "favor", "stance_score": 0.9},
    ...         {"article_id": "a", "sentence_index": 0, "text": "X.",
    ...          "target": "T2", "stance": "none", "stance_score": 0.7}]
    >>> [(a, [s["stances"] for s in ss]) for a, ss in group_sentences(rows)]
    [('a', [[('T1', 'favor', 0.9), ('T2', 'none', 0.7)]])]
    """
    for article_id, article in groupby(rows, key=lambda r: r["article_id"]):
        sentences = []
        for _, group in groupby(article, key=lambda r: r["sentence_index"]):
            group = list(group)
            first = dict(group[0])
            first["stances"] = [
                (r.get("target"), r.get("stance"), r.get("stance_score"))
                for r in group
                if r.get("target") is not None and r.get("stance") is not None
            ]
            sentences.append(first)
        yield article_id, sentences


_LEAD = 7  # "0.82 ★ ": the score column, and the indent of wrapped lines


def legend(threshold: float = 0.5) -> str:
    """The one line that explains the terminal view.

    Examples
    --------
    >>> legend()
    'score: how check-worthy (★ ≥ 0.50) · [n: stance score] to target n · — speaker'
    """
    return (
        f"score: how check-worthy (★ ≥ {threshold:.2f}) · "
        "[n: stance score] to target n · — speaker"
    )


def terminal_lines(
    rows: Iterable[dict[str, Any]],
    *,
    width: int | None = None,
    threshold: float = 0.5,
) -> Iterator[str]:
    """A readable view of labeled rows for a terminal, fitted to its width.

    The first line is a legend. Per article: a rule with its id and title,
    its numbered targets (or a line saying it has none), then one sentence
    per entry: the check-worthiness score in its own column, a star for
    check-worthy sentences (highlighted), the text wrapped with a hanging
    indent so the scores stay in one column, stance toward each numbered
    target (neutral stances are left out to keep the view calm) and the
    speaker of a quotation. Colours are dropped by ``typer.echo`` when the
    output is not a terminal.

    Parameters
    ----------
    rows : iterable of dict
        Labeled rows, as :func:`stancekit.pipeline.labeling.iter_labeled_rows`
        yields them.
    width : int, optional
        Columns to fit; by default the terminal's width (80 when unknown).
    threshold : float
        The check-worthiness threshold, for the legend.

    Examples
    --------
    >>> rows = [{"article_id": "a", "sentence_index": 0, "text": "Taxes rose 5%.",
    ...          "checkworthy_score": 0.9, "checkworthy": True}]
    >>> for line in list(terminal_lines(rows, width=60))[2:]:
    ...     print(_unstyle(line))
    ── a ───────────────────────────────────────────────────────
       no target: the article has no headline; give --target "a
       claim or topic" for stance
    0.90 ★ Taxes rose 5%.
    """
    import shutil

    import typer

    if width is None:
        width = shutil.get_terminal_size((80, 24)).columns
    width = max(width, 40)
    yield _fit(legend(threshold), width)
    for article_id, sentences in group_sentences(rows):
        title = next((s.get("title") for s in sentences if s.get("title")), None)
        head = _fit(
            f"── {article_id}" + (f": {title}" if title else "") + " ", width - 3
        )
        yield ""
        yield typer.style(head + "─" * max(3, width - len(head)), bold=True)
        targets = list(dict.fromkeys(t for s in sentences for t, _, _ in s["stances"]))
        number = {t: n for n, t in enumerate(targets, 1)}
        for target in targets:
            for line in _wrap(f"target {number[target]}: {target}", width, 3, 3):
                yield typer.style(line, dim=True)
        if not targets:
            note = (
                "no target: the article has no headline; give --target "
                '"a claim or topic" for stance'
            )
            if any(s.get("target") is not None for s in sentences):
                note = "no stance: no stance model was used"
            for line in _wrap(note, width, 3, 3):
                yield typer.style(line, dim=True)
        for s in sentences:
            yield from _sentence_lines(s, number, width)


def _sentence_lines(
    s: dict[str, Any], number: dict[Any, int], width: int
) -> Iterator[str]:
    import typer

    score = s.get("checkworthy_score")
    star = "★" if s.get("checkworthy") else " "
    lead = f"{score:4.2f} {star} " if score is not None else f"  -  {star} "
    text = " ".join(str(s["text"]).split())
    lines = _wrap(text, width, _LEAD, _LEAD)
    lines[0] = lead + lines[0][_LEAD:]
    if s.get("checkworthy"):
        lines = [typer.style(line, bold=True, fg="yellow") for line in lines]
    tail = []
    marks = " ".join(
        f"[{number[t]}: {label} {score_:.2f}]"
        for t, label, score_ in s["stances"]
        if label not in _QUIET_STANCES and score_ is not None
    )
    if marks:
        tail.append(typer.style(marks, fg="cyan"))
    if s.get("speaker"):
        tail.append(typer.style(f"— {s['speaker']}", fg="blue"))
    if tail:
        plain = len(_unstyle("  ".join(tail)))
        last = len(_unstyle(lines[-1]))
        if last + 2 + plain <= width:
            lines[-1] += "  " + "  ".join(tail)
        else:
            lines.append(" " * _LEAD + "  ".join(tail))
    yield from lines


def _wrap(text: str, width: int, first: int, rest: int) -> list[str]:
    import textwrap

    return textwrap.wrap(
        text,
        width=width,
        initial_indent=" " * first,
        subsequent_indent=" " * rest,
        break_on_hyphens=False,
    ) or [" " * first]


def _unstyle(text: str) -> str:
    return _ANSI.sub("", text)


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
