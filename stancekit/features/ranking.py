"""Rank each text's sentences by similarity to its target, for all pairs at once.

:class:`~stancekit.features.pairs.PairFeaturizer` lets a long body speak
through the few sentences most similar to the target. Scoring every
(pair, sentence) combination in one vectorised pass, instead of a loop over
distinct texts, keeps that cheap when there are many short texts (in
``stancekit label`` every sentence is its own text).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp

_SIM_CHUNK = 1 << 18  # (pair, sentence) combinations scored at a time


def _rank_sentences(
    T: sp.csr_matrix,
    S: sp.csr_matrix,
    tp: np.ndarray,
    up: np.ndarray,
    offsets: np.ndarray,
    k: int,
) -> dict[str, Any]:
    """Rank each pair's sentences by cosine similarity to its target.

    One pass over all (pair, sentence) combinations instead of a loop over
    distinct texts: in ``stancekit label`` every sentence is its own text,
    and a per-text loop of small numpy calls cost more than the features.

    Parameters
    ----------
    T, S : csr_matrix
        Unit-length rows of the distinct targets and of all sentences.
    tp, up : ndarray of int
        Each pair's target row and text number.
    offsets : ndarray of int
        Text ``u`` owns sentences ``offsets[u]:offsets[u + 1]`` (at least one).
    k : int
        How many top sentences stand for the text.

    Returns
    -------
    dict
        Per pair: ``best_sentence`` (index into S), ``best_sim``,
        ``topk_mean``, ``mean_sim``, ``lead_sim`` (first sentence),
        ``best_pos`` (0 first .. 1 last), and ``W``, a pairs x sentences
        matrix averaging the top ``k`` sentences.
    """
    n = len(tp)
    n_sent = np.diff(offsets)[up]
    first = np.cumsum(n_sent) - n_sent  # where each pair's run starts
    pair = np.repeat(np.arange(n), n_sent)
    sentence = np.repeat(offsets[:-1][up] - first, n_sent) + np.arange(pair.size)
    sims = np.empty(pair.size)
    # Chunks keep the two row-gathered sparse matrices small on long bodies.
    for lo in range(0, pair.size, _SIM_CHUNK):
        hi = lo + _SIM_CHUNK
        rows = T[tp[pair[lo:hi]]].multiply(S[sentence[lo:hi]])
        sims[lo:hi] = np.asarray(rows.sum(axis=1)).ravel()
    # By pair, then similarity descending, then the earlier sentence (ties).
    order = np.lexsort((sentence, -sims, pair))
    rank = np.arange(pair.size) - np.repeat(first, n_sent)
    kk = np.minimum(k, n_sent)
    top = order[rank < np.repeat(kk, n_sent)]
    best = order[first]
    best_sentence = sentence[best]
    W = sp.csr_matrix(
        (1.0 / kk[pair[top]], (pair[top], sentence[top])), shape=(n, S.shape[0])
    )
    return {
        "best_sentence": best_sentence,
        "best_sim": sims[best],
        "topk_mean": np.bincount(pair[top], weights=sims[top], minlength=n) / kk,
        "mean_sim": np.add.reduceat(sims, first) / n_sent if n else np.zeros(0),
        "lead_sim": sims[first],
        "best_pos": (best_sentence - offsets[:-1][up]) / np.maximum(n_sent - 1, 1),
        "W": W,
    }
