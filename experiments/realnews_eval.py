"""Score stancekit's cleaning on real pages: body token P/R/F1 per page.

Usage::

    python experiments/realnews_eval.py DATA/realnews-dev [--work /tmp/realnews]
        [--limit N] [--part all|tune|check] [--show ID] [--worst K]

Reads the Dragnet-derived development pages (``pages/ID.html.gz`` and
``gold.jsonl``; see that folder's README) at run time and never copies them.
Each page is read in the two forms of the held-back evaluation: the HTML as
is (``ID.html``), and the scraped-text form (``ID.txt``, all visible text
rendered by inscriptis, lines stripped, blank runs cut to one). The two
forms are written once to ``--work`` (outside the repository) and reused.

Scored, in one table from one run:

- stancekit on the scraped text and on the HTML: the text of its rows of
  kind ``body`` without repeats (``duplicate_of`` unset), headline rows not
  counted; also with repeated body rows counted;
- trafilatura alone, ``trafilatura.extract(html, include_comments=False)``;
- keep-all, the whole scraped text (the floor).

The metric is the README's: bags of lowercased word tokens
(``[^\\W_]+``), per-page precision, recall and F1 averaged over pages.

The pages are split in two parts by a hash of their id (``tune``: the rules
and thresholds were chosen looking at these; ``check``: looked at only
through this table), and every figure is given for all pages and for each
part, so the figure on pages not used for tuning is in view.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

_TOKEN = re.compile(r"[^\W_]+")


def tokens(text: str) -> Counter:
    return Counter(_TOKEN.findall(text.lower()))


def prf(gold: Counter, pred: Counter) -> tuple[float, float, float]:
    tp = sum((gold & pred).values())
    n_pred, n_gold = sum(pred.values()), sum(gold.values())
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def scraped_text(html: str) -> str:
    """The README's recipe for the scraped-text form."""
    import inscriptis

    text = inscriptis.get_text(html)
    lines = [line.strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def part_of(page_id: str) -> str:
    digest = hashlib.sha1(f"stancekit-tune/{page_id}".encode()).digest()
    return "tune" if digest[0] % 2 == 0 else "check"


def prepare(data: Path, work: Path, limit: int | None) -> list[dict]:
    """Gold rows, with the HTML and scraped-text forms written to ``work``."""
    (work / "html").mkdir(parents=True, exist_ok=True)
    (work / "txt").mkdir(parents=True, exist_ok=True)
    pages = []
    with open(data / "gold.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            html_path = work / "html" / f"{row['id']}.html"
            txt_path = work / "txt" / f"{row['id']}.txt"
            if not html_path.exists() or not txt_path.exists():
                with gzip.open(data / "pages" / f"{row['id']}.html.gz") as page:
                    html = page.read().decode("utf-8")
                html_path.write_text(html, encoding="utf-8")
                txt_path.write_text(scraped_text(html), encoding="utf-8")
            row["html_path"], row["txt_path"] = html_path, txt_path
            row["part"] = part_of(row["id"])
            pages.append(row)
            if limit and len(pages) >= limit:
                break
    return pages


def stancekit_text(path: Path, with_repeats: bool = False) -> str:
    from stancekit.dataset import article_rows
    from stancekit.io.articles import read_articles

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        (article,) = read_articles([path])
        rows = article_rows(article, keep="all")
    return "\n".join(
        r["text"]
        for r in rows
        if r["kind"] == "body" and (with_repeats or r["duplicate_of"] is None)
    )


def trafilatura_text(path: Path) -> str:
    import trafilatura

    html = path.read_text(encoding="utf-8")
    return trafilatura.extract(html, include_comments=False) or ""


SYSTEMS = {
    "stancekit, scraped text": lambda p: stancekit_text(p["txt_path"]),
    "stancekit, scraped, repeats kept": lambda p: stancekit_text(p["txt_path"], True),
    "stancekit, HTML": lambda p: stancekit_text(p["html_path"]),
    "stancekit, HTML, repeats kept": lambda p: stancekit_text(p["html_path"], True),
    "trafilatura alone, HTML": lambda p: trafilatura_text(p["html_path"]),
    "keep-all, scraped text": lambda p: p["txt_path"].read_text(encoding="utf-8"),
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the realnews-dev folder")
    parser.add_argument("--work", type=Path, default=Path("/tmp/realnews-forms"))
    parser.add_argument("--limit", type=int, help="first N pages only")
    parser.add_argument("--part", choices=("all", "tune", "check"), default="all")
    parser.add_argument(
        "--systems", help="semicolon-separated prefixes of system names to run"
    )
    parser.add_argument("--worst", type=int, default=0, help="list K worst pages")
    parser.add_argument("--json", type=Path, help="write per-page scores here")
    args = parser.parse_args(argv)

    pages = prepare(args.data, args.work, args.limit)
    if args.part != "all":
        pages = [p for p in pages if p["part"] == args.part]
    systems = SYSTEMS
    if args.systems:
        wanted = [s.strip() for s in args.systems.split(";")]
        systems = {
            k: v for k, v in SYSTEMS.items() if any(k.startswith(w) for w in wanted)
        }
    golds = {p["id"]: tokens(p["articleBody"]) for p in pages}
    n_tune = sum(p["part"] == "tune" for p in pages)
    print(
        f"{len(pages)} pages ({n_tune} tune, {len(pages) - n_tune} check); "
        f"python {sys.version.split()[0]}\n"
    )
    header = (
        f"{'system':<34} {'P':>5} {'R':>5} {'F1':>5} {'F1 tune':>7} "
        f"{'F1 check':>8} {'micro F1':>8} {'fail':>4} {'s/page':>6}"
    )
    print(header)
    print("-" * len(header))
    per_page: dict[str, dict[str, list[float]]] = {}
    for name, run in systems.items():
        scores, failures = {}, 0
        pooled = [0, 0, 0]
        start = time.perf_counter()
        for page in pages:
            try:
                pred = tokens(run(page))
            except Exception:  # a page that fails counts as empty output
                failures += 1
                pred = Counter()
            gold = golds[page["id"]]
            scores[page["id"]] = prf(gold, pred)
            pooled[0] += sum((gold & pred).values())
            pooled[1] += sum(pred.values())
            pooled[2] += sum(gold.values())
        seconds = (time.perf_counter() - start) / max(1, len(pages))
        per_page[name] = {k: list(v) for k, v in scores.items()}

        def mean(values: list[float]) -> float:
            return sum(values) / len(values) if values else float("nan")

        p = mean([s[0] for s in scores.values()])
        r = mean([s[1] for s in scores.values()])
        f = mean([s[2] for s in scores.values()])
        f_parts = {
            part: mean([scores[q["id"]][2] for q in pages if q["part"] == part])
            for part in ("tune", "check")
        }
        mp = pooled[0] / pooled[1] if pooled[1] else 0.0
        mr = pooled[0] / pooled[2] if pooled[2] else 0.0
        mf = 2 * mp * mr / (mp + mr) if mp + mr else 0.0
        print(
            f"{name:<34} {p:>5.3f} {r:>5.3f} {f:>5.3f} {f_parts['tune']:>7.3f} "
            f"{f_parts['check']:>8.3f} {mf:>8.3f} {failures:>4} {seconds:>6.2f}",
            flush=True,
        )
        if args.worst:
            worst = sorted(scores.items(), key=lambda kv: kv[1][2])[: args.worst]
            print(
                "   worst: "
                + ", ".join(f"{k} p{v[0]:.2f}/r{v[1]:.2f}" for k, v in worst)
            )
    if args.json:
        args.json.write_text(json.dumps(per_page), encoding="utf-8")


if __name__ == "__main__":
    main()
