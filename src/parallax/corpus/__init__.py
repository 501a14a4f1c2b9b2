"""Building a corpus: ingest inputs into the store once, and watch feeds over time."""
