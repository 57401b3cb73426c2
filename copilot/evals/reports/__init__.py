"""Renderings of a ``RunReport``: terminal table, JUnit XML for CI, self-contained HTML."""
