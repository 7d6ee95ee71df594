"""Articles to sentence-level examples: the sentence schema of DESIGN.md.

The path is read -> clean -> segment -> repeats -> quotes:
:func:`~stancekit.io.articles.iter_articles`
gives raw text, :func:`~stancekit.text.clean.clean_blocks` marks each block's kind,
:func:`~stancekit.text.segment.split_sentences` cuts blocks into sentences,
:func:`~stancekit.text.repeats.find_duplicates` finds repeated sentences, and
:func:`~stancekit.text.quotes.attribute_quotes` finds quotations and speakers.
Every sentence of every block becomes a row, so ``keep="all"`` loses nothing;
``keep="body"`` filters to the rows a classifier should see.
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from stancekit.io.articles import Article, iter_articles
from stancekit.text.boundaries import sentence_spans
from stancekit.text.clean import clean_blocks
from stancekit.text.page_rules import words_of
from stancekit.text.quotes import attribute_quotes
from stancekit.text.repeats import find_duplicates
from stancekit.text.templates import template_lines

if TYPE_CHECKING:  # pragma: no cover
    import datasets
    from datasets.table import InMemoryTable

__all__ = [
    "KEEP",
    "SENTENCE_COLUMNS",
    "SENTENCE_FEATURES",  # noqa: F822 (built lazily by __getattr__)
    "article_rows",
    "articles_to_dataset",
    "iter_sentence_rows",
]

KEEP = ("body", "all")
_KEPT_KINDS = frozenset({"body", "headline"})

# column -> Arrow/HF type; the order is the column order of every output.
SENTENCE_COLUMNS = {
    "article_id": "string",
    "sentence_index": "int32",
    "paragraph_index": "int32",
    "text": "string",
    "char_start": "int32",
    "char_end": "int32",
    "kind": "string",
    "duplicate_of": "int32",
    "in_quote": "bool",
    "speaker": "string",
    "title": "string",
    "url": "string",
    "published": "string",
    "source": "string",
}


def _features() -> datasets.Features:
    import datasets

    return datasets.Features(
        {name: datasets.Value(dtype) for name, dtype in SENTENCE_COLUMNS.items()}
    )


def __getattr__(name: str) -> Any:
    # SENTENCE_FEATURES needs `datasets`, which is slow to import; build it on use.
    if name == "SENTENCE_FEATURES":
        return _features()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _check_keep(keep: str) -> None:
    if keep not in KEEP:
        raise ValueError(f"keep must be one of {KEEP}; got {keep!r}.")


def article_rows(
    article: Article, keep: str = "body", template: frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    """Sentence rows of one article.

    Parameters
    ----------
    article : Article
        The article; offsets in the rows point into ``article.text``.
    keep : {"body", "all"}
        ``"body"`` keeps body and headline sentences that do not repeat an
        earlier one; ``"all"`` keeps every row, flagged by ``kind`` and
        ``duplicate_of``.
    template : frozenset of str
        Template lines of the article's site (see
        :func:`stancekit.text.templates.template_lines`): boilerplate.

    Returns
    -------
    list of dict
        One dict per sentence with the columns of :data:`SENTENCE_COLUMNS`,
        followed by any extra columns the article's table row carried.

    Examples
    --------
    >>> from stancekit.io.articles import Article
    >>> rows = article_rows(Article(id="a1", text="Prices rose 3%. Nobody was surprised."))
    >>> [(r["sentence_index"], r["text"]) for r in rows]
    [(0, 'Prices rose 3%.'), (1, 'Nobody was surprised.')]
    """
    _check_keep(keep)
    found = _sentences(article, keep, template)
    if found is None:
        return []
    kept, texts, spans, kinds, paragraphs, duplicate_of, quotes = found
    extra = _extra(article)
    rows = []
    for index in kept:
        start, end = spans[index]
        in_quote, speaker = quotes[index]
        rows.append(
            {
                "article_id": article.id,
                "sentence_index": index,
                "paragraph_index": paragraphs[index],
                "text": texts[index],
                "char_start": start,
                "char_end": end,
                "kind": kinds[index],
                "duplicate_of": duplicate_of[index],
                "in_quote": in_quote,
                "speaker": speaker,
                "title": article.title,
                "url": article.url,
                "published": article.published,
                "source": article.source,
                **extra,
            }
        )
    return rows


def _extra(article: Article) -> dict[str, Any]:
    """The article's table columns that are not sentence columns."""
    return {k: v for k, v in article.meta.items() if k not in SENTENCE_COLUMNS}


_Sentences = tuple[
    list[int],
    list[str],
    list[tuple[int, int]],
    list[str],
    list[int],
    list[int | None],
    list[tuple[bool, str | None]],
]


def _sentences(
    article: Article, keep: str, template: frozenset[str]
) -> _Sentences | None:
    """An article's sentences, column by column: the indices of those
    ``keep`` keeps, then the texts, spans, kinds, paragraphs,
    ``duplicate_of`` and ``(in_quote, speaker)`` of every sentence; None when
    it has none.

    The cycle collector is paused while one article is read: its stages
    make millions of short-lived tuples and lists and almost no reference
    cycles (39 unreachable objects over the 300 realnews-dev pages), and
    each collection walks every object the process holds, about 6% of the
    pipeline's time there. It runs again between articles, so a long run's
    memory does not grow, and stays off if the caller had turned it off.
    """
    if not gc.isenabled():
        return _article_sentences(article, keep, template)
    gc.disable()
    try:
        return _article_sentences(article, keep, template)
    finally:
        gc.enable()


def _article_sentences(
    article: Article, keep: str, template: frozenset[str]
) -> _Sentences | None:
    """:func:`_sentences`, with the collector as the caller left it."""
    text = article.text
    # An HTML page's text is what the extractor kept of it, not a whole page.
    source = (article.source or "").lower()
    whole_page = not source.endswith((".html", ".htm"))
    # (split_sentences less its type check and Sentence tuples, per block)
    blocks = [
        (block, sentence_spans(text[block.start : block.end]))
        for block in clean_blocks(
            text, title=article.title, whole_page=whole_page, template=template
        )
    ]
    # Each column in one pass over the blocks' sentences: cheaper than
    # appending block by block, where most blocks hold one sentence.
    texts = [sentence for _, found in blocks for sentence, _, _ in found]
    spans = [
        (block.start + start, block.start + end)
        for block, found in blocks
        for _, start, end in found
    ]
    kinds = [block.kind for block, found in blocks for _ in found]
    paragraphs = [block.paragraph_index for block, found in blocks for _ in found]
    if not spans:
        return None

    # Each sentence's words, read once for the repeats and the quotations.
    words = list(map(words_of, texts))
    duplicate_of = _duplicates(texts, kinds, words)
    quotes = attribute_quotes(text, spans, paragraphs, kinds, words)
    if keep == "all":
        kept = list(range(len(spans)))
    else:
        kept = [
            i
            for i, kind in enumerate(kinds)
            if kind in _KEPT_KINDS and duplicate_of[i] is None
        ]
    return kept, texts, spans, kinds, paragraphs, duplicate_of, quotes


def _duplicates(
    texts: list[str],
    kinds: list[str],
    words: list[list[str]] | None = None,
) -> list[int | None]:
    """``duplicate_of`` per sentence, with body text as the canonical copy.

    Pages often show a pull-quote box or a repeated lede *before* the body
    sentence it copies. Comparing body and headline sentences first, in order,
    and the furniture after them makes the body sentence the original and the
    box the repeat, so ``keep="body"`` never drops the real sentence.
    """
    body = [i for i, k in enumerate(kinds) if k in _KEPT_KINDS]
    if len(body) in (0, len(kinds)):
        # One kind of sentence only: they are compared as they come.
        result = find_duplicates(texts, words)
    else:
        order = body + [i for i, k in enumerate(kinds) if k not in _KEPT_KINDS]
        found = find_duplicates(
            list(map(texts.__getitem__, order)),
            None if words is None else list(map(words.__getitem__, order)),
        )
        result = [None] * len(texts)
        for position, first in enumerate(found):
            if first is not None:
                result[order[position]] = order[first]
    copies = Counter(first for first in result if first is not None)
    for index, first in enumerate(result):
        if (
            first is not None
            and kinds[index] in _KEPT_KINDS
            and (index - first > _NEARBY or copies[first] >= _RECURRING)
        ):
            # A body line the page uses again on purpose (the same interview
            # question, a meal plan's second day) is not a copy of the first:
            # a repeated lede or pull quote sits near what it repeats, once.
            result[index] = None
    return result


# A body sentence repeating one at most this many sentences before it is a
# copy (a lede or pull quote shown twice); further on, the page reuses a line.
_NEARBY = 30
# A line that comes back this many times is part of the page's pattern.
_RECURRING = 2


def _as_inputs(inputs: Any) -> Any:
    """A ``datasets.Dataset`` of article rows reads like a list of mappings."""
    kind = type(inputs).__name__
    if kind in ("DatasetDict", "IterableDatasetDict"):
        splits = list(inputs.keys())
        raise TypeError(
            "inputs must be a Dataset split, not a DatasetDict; pick one of its "
            f"splits, e.g. inputs[{splits[0]!r}] (splits: {splits})."
        )
    if kind in ("Dataset", "IterableDataset"):
        return (dict(row) for row in inputs)
    if isinstance(inputs, Mapping):
        return [inputs]
    return inputs


def iter_sentence_rows(
    inputs: str | os.PathLike | Iterable[Any],
    keep: str = "body",
    *,
    progress: bool = False,
) -> Iterator[dict[str, Any]]:
    """Stream sentence rows from files, folders, tables, mappings or Articles.

    One article is in memory at a time, so memory does not grow with the
    input. See :func:`articles_to_dataset` for the arguments.

    Examples
    --------
    >>> rows = iter_sentence_rows([{"id": "x", "text": "One. Two."}])
    >>> [r["text"] for r in rows]
    ['One.', 'Two.']
    """
    for window in _input_windows(inputs, keep, progress):
        yield from window_rows(window, keep)


def _input_windows(inputs: Any, keep: str, progress: bool) -> Iterator[list[Article]]:
    """The site windows of the articles read from ``inputs``."""
    _check_keep(keep)
    yield from site_windows(iter_articles(_as_inputs(inputs), progress=progress))


def window_rows(window: list[Article], keep: str = "body") -> list[dict[str, Any]]:
    """Sentence rows of consecutive articles of one site, its template lines
    found across them (the engines process whole windows, so every engine
    gives the same rows)."""
    template = window_template(window)
    return [row for a in window for row in article_rows(a, keep, template)]


def window_template(window: list[Article]) -> frozenset[str]:
    """The template lines of a site window (none for a window of one)."""
    if len(window) < 2:
        return frozenset()
    return template_lines(a.text for a in window)


def site_chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Whole site windows put together into chunks of about ``size``
    articles, for engines that hand out work in chunks."""
    chunk: list[Article] = []
    for window in site_windows(articles):
        chunk.extend(window)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _chunk_rows(chunk: list[Article], keep: str) -> list[dict[str, Any]]:
    """The rows of a chunk made by :func:`site_chunks`."""
    return [row for window in site_windows(chunk) for row in window_rows(window, keep)]


# Consecutive articles of one site or folder read together to find its
# template lines: at most this many different pages (copies of one page,
# such as a table's body repeated for each of its targets, are one page, as
# template_lines counts them, so the copies are never cut apart) ...
_TEMPLATE_WINDOW = 50
# ... and at most this many articles, copies included: memory's bound.
_WINDOW_ARTICLES = 1000


def site_windows(articles: Iterable[Article]) -> Iterator[list[Article]]:
    """Runs of consecutive articles from one site or folder, of at most
    ``_TEMPLATE_WINDOW`` different pages (copies join the window of their
    page) and ``_WINDOW_ARTICLES`` articles; an article of no known site is a
    run alone."""
    window: list[Article] = []
    pages: set[int] = set()
    key = None
    for article in articles:
        site = _site_of(article)
        page = hash(article.text)
        if window and (
            site is None
            or site != key
            or len(window) >= _WINDOW_ARTICLES
            or (len(pages) >= _TEMPLATE_WINDOW and page not in pages)
        ):
            yield window
            window = []
            pages = set()
        window.append(article)
        pages.add(page)
        key = site
    if window:
        yield window


def _site_of(article: Article) -> str | None:
    """The host of the article's URL, else the folder or table it was read
    from; None for text given in Python without a URL."""
    if article.url:
        host = urlsplit(article.url).hostname
        if host:
            return "host:" + host.removeprefix("www.")
    if article.source and article.source != "<stdin>":
        # "table.jsonl:12" is a row of a table; a file's folder is its site.
        source = article.source
        head, colon, line = source.rpartition(":")
        if colon and line.isdigit():
            return "table:" + head
        return "folder:" + os.path.dirname(source)
    return None


def articles_to_dataset(
    inputs: str | os.PathLike | Iterable[Any] | Mapping[str, Any],
    keep: str = "body",
    *,
    progress: bool = False,
) -> datasets.Dataset:
    """Convert articles into a ``datasets.Dataset`` of sentences.

    Parameters
    ----------
    inputs : path, iterable, or datasets.Dataset
        Article files (``.txt``, ``.md``, ``.html``), article tables
        (``.jsonl``, ``.json``, ``.csv``), folders, ``"-"`` for stdin,
        :class:`~stancekit.io.articles.Article` records, mappings with ``text``
        (and optional ``id``, ``title``, ``url``, ``published``), or a
        ``datasets.Dataset`` of such rows; any mix of these.
    keep : {"body", "all"}
        ``"body"`` (default) returns body and headline sentences that are not
        repeats; ``"all"`` returns every row, flagged by ``kind`` and
        ``duplicate_of``, so that nothing in the input is lost.
    progress : bool
        Report progress on stderr while reading many files.

    Returns
    -------
    datasets.Dataset
        One row per sentence with the columns of DESIGN.md's sentence schema.

    Examples
    --------
    >>> ds = articles_to_dataset([{"id": "a", "text": "Turnout was 61%. It rained."}])
    >>> list(ds["text"])
    ['Turnout was 61%.', 'It rained.']
    >>> ds.features["char_start"].dtype
    'int32'
    """
    columns = _Columns()
    for window in _input_windows(inputs, keep, progress):
        template = window_template(window)
        for article in window:
            columns.add(article, _sentences(article, keep, template))
    return columns.dataset()


# Columns that hold the article's metadata on each of its rows.
_ARTICLE_COLUMNS = ("article_id", "title", "url", "published", "source")


class _Columns:
    """The sentence columns of many articles, filled an article at a time
    from its sentences' lists (no dict per row), then made one Arrow table."""

    def __init__(self) -> None:
        self.columns: dict[str, list[Any]] = {name: [] for name in SENTENCE_COLUMNS}
        self.n_rows = 0

    def add(self, article: Article, found: _Sentences | None) -> None:
        if found is None or not found[0]:
            return
        kept, texts, spans, kinds, paragraphs, duplicate_of, quotes = found
        columns, n = self.columns, len(kept)
        if n < len(spans):
            texts, spans, kinds, paragraphs, duplicate_of, quotes = (
                list(map(values.__getitem__, kept))
                for values in (texts, spans, kinds, paragraphs, duplicate_of, quotes)
            )
        # keep="all" keeps every sentence: its lists are the columns as they are.
        columns["sentence_index"] += kept
        columns["paragraph_index"] += paragraphs
        columns["text"] += texts
        starts, ends = zip(*spans, strict=True)
        columns["char_start"] += starts
        columns["char_end"] += ends
        columns["kind"] += kinds
        columns["duplicate_of"] += duplicate_of
        in_quote, speakers = zip(*quotes, strict=True)
        columns["in_quote"] += in_quote
        columns["speaker"] += speakers
        values = (article.id, article.title, article.url, article.published)
        for name, value in zip(
            _ARTICLE_COLUMNS, (*values, article.source), strict=True
        ):
            columns[name] += [_as_string(value)] * n
        # Extra columns from article tables ride along; rows without them get None.
        for name, value in _extra(article).items():
            if name not in columns:
                columns[name] = [None] * self.n_rows
            columns[name] += [_as_string(value)] * n
        self.n_rows += n
        for column in columns.values():
            if len(column) < self.n_rows:
                column += [None] * (self.n_rows - len(column))

    def dataset(self) -> datasets.Dataset:
        import datasets
        import pyarrow as pa
        from datasets.table import InMemoryTable

        features = _features()
        for name in self.columns:
            if name not in features:
                features[name] = datasets.Value("string")
        arrays = {
            name: pa.array(values, type=features[name].pa_type)
            for name, values in self.columns.items()
        }
        # What datasets.Dataset.from_dict builds from typed arrays, with the
        # fingerprint hashed from the table's buffers (it would pickle the
        # table to hash it: most of the time it takes).
        table = InMemoryTable.from_pydict(arrays)
        return datasets.Dataset(
            table,
            info=datasets.DatasetInfo(features=features),
            fingerprint=_fingerprint(table),
        )


def _fingerprint(table: InMemoryTable) -> str:
    """A digest of the table's schema and contents, the fingerprint that
    ``datasets`` keys its caches on (the same table gives the same one)."""
    digest = hashlib.blake2b(str(table.schema).encode(), digest_size=8)
    digest.update(table.num_rows.to_bytes(8, "little"))
    for column in table.table.columns:
        for chunk in column.chunks:
            for buffer in chunk.buffers():
                if buffer is not None:
                    digest.update(buffer)
    return digest.hexdigest()


def _as_string(value: Any) -> str | None:
    return None if value is None else str(value)
