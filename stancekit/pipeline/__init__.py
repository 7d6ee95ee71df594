"""From a model argument to labeled rows: the main job and its parts.

``defaults`` builds and caches the bundled default models, ``training``
fits a task's estimator on labeled data, ``predict`` scores sentences or
table rows, and ``labeling`` runs the whole path (sentences,
check-worthiness and stance) for :func:`stancekit.label`.
"""
