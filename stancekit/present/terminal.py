"""Views of labeled rows for people: grouping, and the terminal table.

Labeled rows are long (one row per sentence and target); a person reads one
sentence with all its stances, so both the terminal view and the HTML report
fold the rows back per sentence here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import Any

__all__ = ["group_sentences", "terminal_lines"]

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


def terminal_lines(
    rows: Iterable[dict[str, Any]], *, width: int = 100
) -> Iterator[str]:
    """A readable view of labeled rows for a terminal, one sentence a line.

    Check-worthy sentences are starred and highlighted, stance toward each
    numbered target is shown beside the sentence (neutral stances are left
    out to keep the view calm), and quotations carry their speaker. Colours
    are dropped by ``typer.echo`` when the output is not a terminal.
    """
    import typer

    for article_id, sentences in group_sentences(rows):
        title = next((s.get("title") for s in sentences if s.get("title")), None)
        head = f"── {article_id}" + (f": {title}" if title else "") + " "
        yield ""
        yield typer.style(head + "─" * max(0, width - len(head)), bold=True)
        targets = list(dict.fromkeys(t for s in sentences for t, _, _ in s["stances"]))
        number = {t: n for n, t in enumerate(targets, 1)}
        for target in targets:
            yield typer.style(f"   target {number[target]}: {target}", dim=True)
        for s in sentences:
            score = s.get("checkworthy_score")
            star = "★" if s.get("checkworthy") else " "
            lead = f"{score:4.2f} {star}" if score is not None else f"  -  {star}"
            text = " ".join(str(s["text"]).split())
            line = f"{lead} {text}"
            if s.get("checkworthy"):
                line = typer.style(line, bold=True, fg="yellow")
            marks = " ".join(
                f"[{number[t]}: {label} {score_:.2f}]"
                for t, label, score_ in s["stances"]
                if label not in _QUIET_STANCES
            )
            if marks:
                line += typer.style(f"  {marks}", fg="cyan")
            if s.get("speaker"):
                line += typer.style(f"  — {s['speaker']}", fg="blue")
            yield line
