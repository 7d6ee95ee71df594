"""Double annotation of the stance corpus: draw a blind sample, measure agreement.

A sample file in this folder holds one JSON object a line: ``item``,
``target_id``, ``target``, ``text`` and, once labeled, ``second`` (the second
annotator's label, given seeing only the target, the sentence and
data/GUIDELINES.md). ``merge`` then adds the corpus's ``case`` and its label as
``first``; when adjudication corrects the corpus, ``first`` keeps the label the
second annotator was compared with and ``final`` the label the corpus holds now
(a row without ``final`` was not changed).

Usage::

    python data/annotation/agreement.py draw genre-double.jsonl news=150 debate=100
    python data/annotation/agreement.py merge genre-double.jsonl
    python data/annotation/agreement.py report stance-double.jsonl genre-double.jsonl

``draw`` writes the sample without labels (seed 12 unless ``--seed``): from
each named file of data/stance/, that many pairs, in the order drawn.
``draw`` and ``merge`` read another folder of pair files with ``--pairs``,
e.g. ``--pairs data/unseen`` for the evaluation set of unseen motions::

    python data/annotation/agreement.py draw sample.jsonl motion=40 --pairs data/unseen
``report`` prints observed agreement, Cohen's kappa and the confusion matrix
per file (the target id's prefix) and overall, then every disagreement.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
STANCE = HERE.parent / "stance"
LABELS = ("favor", "against", "none")
SEED = 12
BLIND_FIELDS = ("item", "target_id", "target", "text")


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def draw_sample(
    sizes: dict[str, int], seed: int = SEED, stance: Path = STANCE
) -> list[dict]:
    """A blind sample: ``sizes[name]`` pairs of ``stance/<name>.jsonl`` each, no labels."""
    rng = random.Random(seed)
    sample: list[dict] = []
    for name, size in sizes.items():
        rows = read_jsonl(stance / f"{name}.jsonl")
        for index in rng.sample(range(len(rows)), size):
            sample.append({f: rows[index][f] for f in BLIND_FIELDS[1:]})
    return [{"item": i, **row} for i, row in enumerate(sample)]


def corpus_rows(stance: Path = STANCE) -> dict[tuple[str, str], dict]:
    """Every corpus pair keyed by (target_id, text)."""
    return {
        (r["target_id"], r["text"]): r
        for path in sorted(stance.glob("*.jsonl"))
        for r in read_jsonl(path)
    }


def merge_first_labels(sample: list[dict], stance: Path = STANCE) -> list[dict]:
    """Add the corpus's case and label (``first``) to a sample whose second labels are in."""
    corpus = corpus_rows(stance)
    merged = []
    for row in sample:
        gold = corpus[(row["target_id"], row["text"])]
        merged.append({**row, "case": gold["case"], "first": gold["label"]})
    return merged


def agreement(pairs: list[tuple[str, str]]) -> dict:
    """Observed agreement, Cohen's kappa and the confusion matrix of (first, second) pairs."""
    n = len(pairs)
    agree = sum(a == b for a, b in pairs)
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    chance = sum(first[k] * second[k] for k in LABELS) / n / n
    observed = agree / n
    matrix = Counter(pairs)
    return {
        "n": n,
        "agree": agree,
        "observed": observed,
        "kappa": (observed - chance) / (1 - chance),
        "matrix": [[matrix[(a, b)] for b in LABELS] for a in LABELS],
    }


def source_file(row: dict) -> str:
    return row["target_id"].split("-")[0]


def three_places(x: float) -> str:
    """``.985``, the way GUIDELINES.md writes a proportion."""
    return f"{x:.3f}".lstrip("0")


def summary(name: str, result: dict) -> str:
    return (
        f"{name}: observed agreement {result['agree']}/{result['n']} "
        f"({three_places(result['observed'])}), Cohen's kappa {three_places(result['kappa'])}"
    )


def report(paths: list[Path]) -> str:
    rows = [row for path in paths for row in read_jsonl(path)]
    lines = []
    groups = {
        name: [r for r in rows if source_file(r) == name]
        for name in dict.fromkeys(map(source_file, rows))
    }
    for name, group in [*groups.items(), ("all", rows)]:
        result = agreement([(r["first"], r["second"]) for r in group])
        lines.append(summary(name, result))
        lines.append("  first \\ second  " + "  ".join(f"{b:>7}" for b in LABELS))
        for a, counts in zip(LABELS, result["matrix"], strict=True):
            lines.append(f"  {a:>14}  " + "  ".join(f"{c:>7}" for c in counts))
    cases = Counter(r["case"] for r in rows)
    agreed = Counter(r["case"] for r in rows if r["first"] == r["second"])
    lines.append(
        "per case (agreed/pairs): "
        + ", ".join(f"{c} {agreed[c]}/{n}" for c, n in sorted(cases.items()))
    )
    lines.append(
        "disagreements (target id, item, first / second -> final, case, target | text):"
    )
    for r in rows:
        if r["first"] != r["second"]:
            final = r.get("final", r["first"])
            lines.append(
                f"  {r['target_id']} #{r['item']} {r['first']} / {r['second']} -> {final} [{r['case']}] {r['target']} | {r['text']}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    draw = sub.add_parser("draw", help="write a blind sample")
    draw.add_argument("out")
    draw.add_argument("sizes", nargs="+", help="file=count, e.g. news=150")
    draw.add_argument("--seed", type=int, default=SEED)
    merge = sub.add_parser("merge", help="add the corpus's case and first label")
    merge.add_argument("sample")
    for command in (draw, merge):
        command.add_argument(
            "--pairs",
            type=Path,
            default=STANCE,
            help="folder of the pair files (default data/stance/)",
        )
    rep = sub.add_parser("report", help="print agreement per file and overall")
    rep.add_argument("samples", nargs="+")
    args = parser.parse_args(argv)
    if args.command == "draw":
        sizes = {name: int(count) for name, count in (s.split("=") for s in args.sizes)}
        write_jsonl(HERE / args.out, draw_sample(sizes, args.seed, args.pairs))
    elif args.command == "merge":
        path = HERE / args.sample
        write_jsonl(path, merge_first_labels(read_jsonl(path), args.pairs))
    else:
        print(report([HERE / p for p in args.samples]))


if __name__ == "__main__":
    main()
