"""Template lines: what a site prints on every page is not any page's story.

When several articles of one site or folder are read together, a line that
recurs in many of them (the menu, the footer, a newsletter box, "Comments
are closed.") is the site's template. :func:`template_lines` finds them; the
cleaner marks them as boilerplate (:func:`stancekit.clean.clean_blocks`,
``template``), and :mod:`stancekit.dataset` reads a site's consecutive
articles in small windows so that it can.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from stancekit.text.page_rules import normalize

__all__ = ["template_lines", "template_key"]

MIN_ARTICLES = 3
"""A line must recur in at least this many articles of a group."""
MIN_SHARE = 0.5
"""... and in at least this share of them."""
MIN_PAGES = 2
"""... and in at least this many different pages (copies are one page)."""


def template_key(line: str) -> str:
    """How lines are compared: casefolded words, punctuation and spacing
    folded, so "Home | News" and "HOME  NEWS" are one line."""
    return normalize(line)


def template_lines(
    texts: Iterable[str],
    min_articles: int = MIN_ARTICLES,
    min_share: float = MIN_SHARE,
) -> frozenset[str]:
    """The lines (as :func:`template_key` gives them) that recur in many of
    the texts: in at least ``min_articles`` of them and at least
    ``min_share`` of all, and in at least :data:`MIN_PAGES` different
    pages: copies of one page (the same lines, as :func:`template_key`
    compares them: one story saved twice, or fetched from two addresses) are
    one page there, so that a story read three times is not taken for the
    site's template, while a footer under two stories, one of them saved
    twice, still is. Copies are only pages of the very same lines: two
    stories of a site differ only in their body, which on real pages is
    often a tenth of their lines or less, so a looser likeness would take
    them for copies.

    Parameters
    ----------
    texts : iterable of str
        Articles of one site or folder.
    min_articles : int
    min_share : float

    Returns
    -------
    frozenset of str

    Examples
    --------
    >>> pages = [f"Home News Sport\\nStory {n} is here.\\nAll rights reserved."
    ...          for n in range(4)]
    >>> sorted(template_lines(pages))
    ['all rights reserved', 'home news sport']
    >>> template_lines([pages[0]] * 4)
    frozenset()
    """
    counts: Counter[str] = Counter()
    copies: Counter[frozenset[str]] = Counter()
    for text in texts:
        page = frozenset({template_key(line) for line in text.splitlines()} - {""})
        counts.update(page)
        copies[page] += 1
    needed = max(min_articles, min_share * sum(copies.values()))
    lines = {key for key, count in counts.items() if count >= needed}
    pages = Counter(key for page in copies for key in page if key in lines)
    return frozenset(key for key in lines if pages[key] >= MIN_PAGES)
