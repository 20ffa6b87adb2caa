"""Development-only tools: fakes, scripted players, the FerretDB launcher and the benchmark.

Not shipped: the Docker image and a plain `pip install -r requirements.txt` run contain none of it.
"""
