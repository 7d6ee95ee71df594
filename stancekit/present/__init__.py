"""What a person reads: terminal views (``terminal``) and the HTML report."""
