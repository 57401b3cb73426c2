"""One module per claims rule; each exposes a class with ``find(text) -> list[Violation]``."""
