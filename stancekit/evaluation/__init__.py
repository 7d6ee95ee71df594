"""Task metrics (``metrics``) and the one cross-validation loop."""
