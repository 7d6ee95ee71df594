"""``stancekit.integrations.dask``: labeling on a Dask cluster (the ``dask`` extra).

The public path of :mod:`stancekit.pipeline.distributed`.
"""

from stancekit.pipeline.distributed import label_dask, label_on_cluster, labeled_meta

__all__ = ["label_dask", "label_on_cluster", "labeled_meta"]
