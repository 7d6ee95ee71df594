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
"""A line must recur in at least this many different pages of a group
(copies of one page are one page)."""
MIN_SHARE = 0.5
"""... and in at least this share of them."""


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
    the texts: in at least ``min_articles`` different pages and at least
    ``min_share`` of them. Copies of one page (the same lines, as
    :func:`template_key` compares them: one story saved twice, or fetched
    from two addresses, or an article body repeated for several targets in
    a table) are one page, and empty texts none: a story read three times is
    no evidence of a template, nor is a sentence two stories share, however
    often each is repeated. Copies are only pages of the very same lines:
    two stories of a site differ only in their body, which on real pages is
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
    pages = {
        frozenset({template_key(line) for line in text.splitlines()} - {""})
        for text in texts
    } - {frozenset()}
    counts = Counter(key for page in pages for key in page)
    needed = max(min_articles, min_share * len(pages))
    return frozenset(key for key, count in counts.items() if count >= needed)
