"""The live show: session loop, pacing, lookahead, rules and the registry of live sessions.

Knows nothing of FastAPI or Gradio: transports hand a ``ShowSink`` to a ``GameSession``.
"""
