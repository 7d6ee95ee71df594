"""Features: text -> numeric matrices for the classifiers.

- :mod:`stancekit.features.lexicon`: cue word lists written for stancekit;
- :mod:`stancekit.features.claims`: claim cues, document context and the
  combined check-worthiness feature matrix.
"""

from __future__ import annotations

__all__ = ["lexicon", "claims"]
