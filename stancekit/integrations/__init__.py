"""Bridges to optional engines; each module imports its dependency itself.

- :mod:`stancekit.engines.dask`: label articles on a Dask cluster
  (``pip install "stancekit[dask]"``).

Importing this package imports nothing optional, so ``import stancekit``
stays light whether or not the extras are installed.
"""

__all__: list[str] = []
