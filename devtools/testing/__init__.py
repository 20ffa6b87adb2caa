"""Test and benchmark helpers: real servers on 127.0.0.1 that stand in for providers.

Nothing here is imported by the app itself.
"""
