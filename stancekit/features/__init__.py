"""Features: text -> numeric matrices for the classifiers.

- :mod:`stancekit.lexicon.cues`: cue word lists written for stancekit;
- :mod:`stancekit.features.cues`: the claim cue table and its one-pass matcher;
- :mod:`stancekit.features.context`: document context and claim memory;
- :mod:`stancekit.features.claims`: the combined check-worthiness feature matrix;
- :mod:`stancekit.features.stance_cues`: refuting, hedging, reporting and
  polarity cue families for stance;
- :mod:`stancekit.features.pairs`: target-text pair features, long bodies read
  through their sentences;
- :mod:`stancekit.features.term_counts`: vectorizer counts with each string
  analysed once per call.

A change that alters the features of an input raises
:data:`stancekit.persist.files.FEATURES_VERSION`, which model files record.
"""

from __future__ import annotations

__all__ = [
    "claims",
    "context",
    "cues",
    "lexicon",
    "pairs",
    "stance_cues",
    "term_counts",
]
