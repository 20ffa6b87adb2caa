"""The project's benchmark: ``python -m devtools.bench [suite ...]`` (or ``make bench``)."""
