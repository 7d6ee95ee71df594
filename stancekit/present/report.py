"""The HTML report: each article as a person reads it, with its labels.

One self-contained file (inline styles, no scripts, fonts or external
resources) so it can be mailed, archived or opened offline. Sentences are
shaded by check-worthiness score, marked by stance toward each target,
quotations carry their speaker, and page furniture is greyed out.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterable
from datetime import datetime, timezone
from itertools import groupby
from pathlib import Path
from typing import Any

from stancekit import __version__
from stancekit.io.output import atomic_path
from stancekit.present.terminal import group_sentences

__all__ = ["render_report", "write_report"]

_FURNITURE = frozenset({"caption", "credit", "boilerplate", "callout"})
_STANCE_MARK = {"favor": "▲", "against": "▼", "none": "·"}

_CSS = """
:root { --ink:#1d232b; --muted:#6b7480; --line:#e3e6ea; --paper:#fdfcf9;
  --favor:#1f7a4d; --against:#b3261e; --claim:255,176,0; }
* { box-sizing: border-box; }
body { margin:0; background:#f1f2f4; color:var(--ink);
  font: 17px/1.6 Georgia, "Times New Roman", serif; }
header.top { background:#1d232b; color:#fff; padding:18px 32px;
  font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
header.top h1 { margin:0; font-size:20px; letter-spacing:.02em; }
header.top p { margin:4px 0 0; color:#b9c0c8; font-size:13px; }
main { max-width: 1180px; margin: 24px auto; padding: 0 20px; }
article { background:var(--paper); border:1px solid var(--line); border-radius:10px;
  margin-bottom:32px; display:grid; grid-template-columns: minmax(0,1fr) 320px; }
.text { padding: 28px 36px; border-right:1px solid var(--line); }
aside { padding: 24px 22px; font-family: system-ui, sans-serif; font-size:14px; }
aside h3 { font-size:12px; text-transform:uppercase; letter-spacing:.08em;
  color:var(--muted); margin:18px 0 8px; }
aside h3:first-child { margin-top:0; }
.meta { font-family: system-ui, sans-serif; font-size:13px; color:var(--muted);
  margin-bottom:14px; word-break: break-all; }
h2.headline { font-size:30px; line-height:1.2; margin:4px 0 14px; }
h3.subhead { font-size:20px; line-height:1.3; margin:22px 0 10px; }
p.para { margin: 0 0 14px; }
p.furniture { font-family: system-ui, sans-serif; font-size:13px; color:#9aa1aa;
  border-left:3px solid var(--line); padding-left:10px; }
p.furniture .kind { text-transform: uppercase; font-size:10px; letter-spacing:.08em;
  margin-right:6px; color:#aab0b8; }
.s { border-radius:3px; padding:1px 0; }
.s.claim { box-shadow: inset 0 -2px 0 rgba(var(--claim),.9); }
.s { box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.s + .s { margin-left: 2px; }
.s.repeat { color:#9aa1aa; background:none !important; box-shadow:none;
  text-decoration: line-through; text-decoration-color:#c5cad0; }
.st { font-family: system-ui, sans-serif; font-size:11px; font-weight:700;
  border-radius:8px; padding:0 5px; margin-left:3px; vertical-align: 2px; }
.st.favor { color:#fff; background:var(--favor); }
.st.against { color:#fff; background:var(--against); }
.spk { font-family: system-ui, sans-serif; font-size:11px; color:#3d5a80;
  background:#e7eef7; border-radius:8px; padding:0 6px; margin-left:4px;
  vertical-align: 2px; white-space: nowrap; }
ol.top { margin:0; padding-left:20px; }
ol.top li { margin-bottom:10px; line-height:1.4; }
.bar { display:inline-block; height:6px; border-radius:3px; background:rgb(var(--claim));
  vertical-align:middle; margin-right:6px; }
.score { font-variant-numeric: tabular-nums; color:var(--muted); font-size:12px; }
table.stances { border-collapse: collapse; width:100%; }
table.stances td { padding:3px 4px; border-bottom:1px solid var(--line); }
table.stances td.n { text-align:right; font-variant-numeric: tabular-nums; }
.target { font-style: italic; margin-bottom:4px; }
.legend { font-family: system-ui, sans-serif; font-size:13px; color:var(--muted);
  margin: 0 0 18px; }
.legend span { margin-right: 14px; }
.empty { color: var(--muted); font-style: italic; }
@media (max-width: 900px) { article { grid-template-columns: 1fr; }
  .text { border-right:none; border-bottom:1px solid var(--line); } }
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _shade(score: float | None) -> str:
    if score is None:
        return ""
    alpha = max(0.0, min(1.0, float(score))) * 0.55
    return f' style="background: rgba(255,176,0,{alpha:.2f})"'


def _sentence_html(s: dict[str, Any], threshold: float) -> str:
    score = s.get("checkworthy_score")
    classes = ["s"]
    repeat = s.get("duplicate_of") is not None
    if s.get("checkworthy") and not repeat:
        classes.append("claim")
    if repeat:
        # A repeated lede or pull-quote is shown once as a claim, not twice.
        classes.append("repeat")
        score = None
    title = ["repeats an earlier sentence"] if repeat else []
    if score is not None:
        title.append(f"check-worthiness {float(score):.2f}")
    marks = []
    for target, stance, st_score in [] if repeat else s["stances"]:
        label = str(stance).lower()
        if label in ("favor", "against"):
            marks.append(
                f'<span class="st {label}" title="{_e(label)} toward: {_e(target)}'
                f' ({float(st_score or 0):.2f})">{_STANCE_MARK[label]}</span>'
            )
        title.append(f"{label} toward “{target}”")
    speaker = ""
    if s.get("speaker") and (s.get("in_quote") or s.get("kind") == "body"):
        speaker = f'<span class="spk" title="speaker">{_e(s["speaker"])}</span>'
    return (
        f'<span class="{" ".join(classes)}" data-index="{int(s["sentence_index"])}"'
        f' data-score="{"" if score is None else f"{float(score):.3f}"}"'
        f"{_shade(score if score is not None and score >= threshold / 2 else None)}"
        f' title="{_e("; ".join(title))}">{_e(s["text"])}</span>'
        f"{''.join(marks)}{speaker}"
    )


def _article_html(sentences: list[dict[str, Any]], top: int, threshold: float) -> str:
    first = sentences[0]
    title = first.get("title")
    parts = [
        '<article class="article" data-article-id="' + _e(first["article_id"]) + '">'
    ]
    parts.append('<div class="text">')
    meta = " · ".join(
        _e(v)
        for v in (first.get("source"), first.get("url"), first.get("published"))
        if v
    )
    parts.append(
        f'<div class="meta">{_e(first["article_id"])}{" · " + meta if meta else ""}</div>'
    )
    headline_shown = False
    for paragraph, group in groupby(
        sentences, key=lambda s: (s["paragraph_index"], s["kind"])
    ):
        group = list(group)
        kind = paragraph[1]
        if kind == "headline":
            # The first headline paragraph is the title; later ones are subheads.
            text = " ".join(_e(s["text"]) for s in group)
            if headline_shown:
                parts.append(f'<h3 class="subhead">{text}</h3>')
            else:
                parts.append(f'<h2 class="headline">{text}</h2>')
            headline_shown = True
        elif kind in _FURNITURE:
            text = " ".join(_e(s["text"]) for s in group)
            parts.append(
                f'<p class="furniture {kind}"><span class="kind">{kind}</span>{text}</p>'
            )
        else:
            inner = " ".join(_sentence_html(s, threshold) for s in group)
            parts.append(f'<p class="para">{inner}</p>')
    if not headline_shown and title:
        parts.insert(3, f'<h2 class="headline">{_e(title)}</h2>')
    parts.append("</div>")
    parts.append(_summary_html(sentences, top))
    parts.append("</article>")
    return "\n".join(parts)


def _summary_html(sentences: list[dict[str, Any]], top: int) -> str:
    scored = [
        s
        for s in sentences
        if s.get("checkworthy_score") is not None
        and s["kind"] == "body"
        and s.get("duplicate_of") is None
    ]
    scored.sort(key=lambda s: -float(s["checkworthy_score"]))
    out = ['<aside class="summary">', "<h3>Top check-worthy claims</h3>"]
    if scored:
        out.append('<ol class="top">')
        for s in scored[:top]:
            score = float(s["checkworthy_score"])
            out.append(
                f'<li class="top-claim" data-index="{int(s["sentence_index"])}">'
                f'<span class="bar" style="width:{round(score * 60)}px"></span>'
                f'<span class="score">{score:.2f}</span><br>{_e(s["text"])}</li>'
            )
        out.append("</ol>")
    else:
        out.append('<p class="empty">No sentences were scored.</p>')
    counts: dict[str, dict[str, int]] = {}
    for s in sentences:
        if s["kind"] != "body" or s.get("duplicate_of") is not None:
            continue
        for target, stance, _ in s["stances"]:
            counts.setdefault(target, {}).setdefault(str(stance).lower(), 0)
            counts[target][str(stance).lower()] += 1
    for target, by_label in counts.items():
        out.append("<h3>Stance</h3>")
        out.append(f'<div class="target">“{_e(target)}”</div><table class="stances">')
        for label in sorted(by_label, key=lambda x: (x not in _STANCE_MARK, x)):
            out.append(
                f'<tr class="stance-{_e(label)}"><td>{_STANCE_MARK.get(label, "")} '
                f'{_e(label)}</td><td class="n">{by_label[label]}</td></tr>'
            )
        out.append("</table>")
    out.append("</aside>")
    return "\n".join(out)


def render_report(
    rows: Iterable[dict[str, Any]], *, top: int = 5, threshold: float = 0.5
) -> str:
    """Render labeled sentence rows as one self-contained HTML page.

    Parameters
    ----------
    rows : iterable of dict
        Rows as :func:`stancekit.label` returns them with ``keep="all"``
        (every block of the page, with ``checkworthy_score``, ``checkworthy``
        and, per target, ``target``/``stance``/``stance_score``), in article
        and sentence order.
    top : int
        How many check-worthy claims to list per article.
    threshold : float
        Scores below half of it are not shaded, to keep the page calm.

    Returns
    -------
    str
        The HTML document.

    Examples
    --------
    >>> page = render_report([{"article_id": "a", "sentence_index": 0,
    ...     "paragraph_index": 0, "text": "Taxes rose 4%.", "kind": "body",
    ...     "checkworthy_score": 0.9, "checkworthy": True}])
    >>> page.startswith("<!DOCTYPE html>") and "Taxes rose 4%." in page
    True
    """
    articles = [
        _article_html(sentences, top, threshold)
        for _, sentences in group_sentences(rows)
    ]
    created = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    legend = (
        '<p class="legend"><span><span class="s claim" style="background: rgba(255,176,0,.45)">'
        "shaded</span> check-worthiness score</span>"
        '<span><span class="st favor">▲</span> favors the target</span>'
        '<span><span class="st against">▼</span> against the target</span>'
        '<span><span class="spk">Name</span> speaker of a quotation</span>'
        "<span>grey: captions, credits, page furniture</span></p>"
    )
    body = "\n".join(articles) or '<p class="empty">No articles.</p>'
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>stancekit report</title><style>{_CSS}</style></head><body>"
        f'<header class="top"><h1>stancekit report</h1><p>{len(articles)} article(s)'
        f" · generated {created} · stancekit {__version__}</p></header>"
        f"<main>{legend}{body}</main></body></html>\n"
    )


def write_report(
    rows: Iterable[dict[str, Any]], out: str | os.PathLike, **kwargs: Any
) -> Path:
    """Write :func:`render_report` output to ``out`` atomically."""
    path = Path(out)
    page = render_report(rows, **kwargs)
    with atomic_path(path, folder=False) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return path
