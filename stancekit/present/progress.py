"""Progress of long commands on stderr, and the count behind ``wrote N rows``.

Result rows stream from the pipeline to a writer; :class:`RowMeter` sits in
between, counts what passes (rows, sentences, articles) and, when asked,
shows a live line on stderr with rich (installed with typer): articles and
sentences done, the rate, and the time left when the number of articles is
known in advance. Standard output is never touched, so piping results stays
clean.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

__all__ = ["RowMeter", "count_articles", "progress_wanted"]

# Below this many seconds a command is short enough to stay silent.
_SHOW_AFTER_S = 1.0


def progress_wanted(choice: bool | None) -> bool:
    """``--progress``/``--quiet`` if given, else whether stderr is a terminal.

    Examples
    --------
    >>> progress_wanted(True), progress_wanted(False)
    (True, False)
    """
    if choice is not None:
        return choice
    return bool(getattr(sys.stderr, "isatty", lambda: False)())


def count_articles(inputs: Sequence[str]) -> int | None:
    """How many articles the inputs hold, when that is cheap to know.

    Article files count one each, folders the article files in them, JSONL
    tables their non-blank lines; other tables and stdin make the total
    unknown (``None``), and the progress line then shows no time left.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("One.")
    >>> _ = (d / "t.jsonl").write_text('{"text": "x"}\\n{"text": "y"}\\n')
    >>> count_articles([str(d / "a.txt"), str(d / "t.jsonl")]), count_articles(["-"])
    (3, None)
    """
    total = 0
    for item in inputs:
        if item == "-" or not os.path.exists(item):
            return None
        if os.path.isdir(item):
            for _root, dirs, files in os.walk(item):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in files:
                    suffix = os.path.splitext(name)[1].lower()
                    if suffix in (".jsonl", ".json", ".csv"):
                        return None
                    if suffix in (".txt", ".md", ".html", ".htm"):
                        total += 1
            continue
        suffix = os.path.splitext(item)[1].lower()
        if suffix == ".jsonl":
            with open(item, "rb") as fh:
                total += sum(1 for line in fh if line.strip())
        elif suffix in (".txt", ".md", ".html", ".htm"):
            total += 1
        else:
            return None
    return total


class RowMeter:
    """Count result rows as they stream past; optionally show progress.

    Parameters
    ----------
    show : bool
        Draw a live progress line on stderr.
    total_articles : int, optional
        The number of articles expected, for a bar and the time left.

    Examples
    --------
    >>> meter = RowMeter(show=False)
    >>> rows = [{"article_id": "a", "sentence_index": 0},
    ...         {"article_id": "a", "sentence_index": 1},
    ...         {"article_id": "b", "sentence_index": 0}]
    >>> _ = list(meter.track(rows))
    >>> meter.rows, meter.sentences, meter.articles
    (3, 3, 2)
    """

    def __init__(self, show: bool, total_articles: int | None = None) -> None:
        self.show = show
        self.total = total_articles
        self.rows = 0
        self.sentences = 0
        self.articles = 0
        self.live = False

    def track(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """Yield ``rows`` unchanged, counting them."""
        if not self.show:
            yield from self._count(rows, None)
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        console = Console(stderr=True)
        # On a terminal the line updates in place and goes away at the end;
        # asked for elsewhere (a log file), it is written once, when done.
        self.live = console.is_terminal
        columns: list[Any] = [TextColumn("{task.description}")]
        if self.total:
            columns += [BarColumn(), TimeRemainingColumn()]
        columns += [TextColumn("{task.fields[rate]}"), TimeElapsedColumn()]
        with Progress(
            *columns,
            console=console,
            transient=self.live,
            refresh_per_second=4,
        ) as bar:
            task = bar.add_task(self._describe(), total=self.total, rate="")
            bar.update(task, visible=not self.live)
            yield from self._count(rows, (bar, task))
            self._update(bar, task)

    def _count(
        self, rows: Iterable[dict[str, Any]], live: tuple[Any, Any] | None
    ) -> Iterator[dict[str, Any]]:
        last_article: object = object()
        last_sentence: object = object()
        for row in rows:
            self.rows += 1
            article = row.get("article_id", row.get("id"))
            new_article = article != last_article or article is None
            if new_article:
                self.articles += 1
                last_article = article
                last_sentence = object()
            sentence = row.get("sentence_index")
            if sentence != last_sentence or sentence is None:
                self.sentences += 1
                last_sentence = sentence
            if live is not None and (new_article or self.rows % 64 == 0):
                self._update(*live)
            yield row

    def _update(self, bar: Any, task: Any) -> None:
        entry = bar.tasks[0]
        elapsed = entry.elapsed or 0.0
        rate = f"{self.sentences / elapsed:,.0f} sentences/s" if elapsed > 0 else ""
        bar.update(
            task,
            completed=self.articles,
            description=self._describe(),
            rate=rate,
            visible=elapsed >= _SHOW_AFTER_S or not self.live,
        )

    def _describe(self) -> str:
        of = f"/{self.total:,}" if self.total else ""
        return f"{self.articles:,}{of} articles, {self.sentences:,} sentences"

    def wrote(self, out: Any) -> str:
        """The closing line of a command that wrote ``out``.

        Examples
        --------
        >>> meter = RowMeter(show=False)
        >>> meter.rows, meter.articles = 12, 1
        >>> meter.wrote("x.csv")
        'wrote 12 rows (1 article) to x.csv'
        """
        n = self.articles
        return (
            f"wrote {self.rows:,} row{'s' if self.rows != 1 else ''} "
            f"({n:,} article{'s' if n != 1 else ''}) to {out}"
        )
