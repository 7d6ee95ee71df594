"""Where work runs: local worker processes (``local``) and Dask (``dask``)."""
