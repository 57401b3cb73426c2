"""One module per kind of claims rule; each registers a class with ``find(text) ->
list[Violation]`` under its kind (``registry``). Importing the package registers them all."""

from guardrails.rules import free_consultation, phrases, price  # noqa: F401  (they register)
