"""The project's benchmark: ``python -m radiomirchi.bench [suite ...]`` (or ``make bench``)."""
