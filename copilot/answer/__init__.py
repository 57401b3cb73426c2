"""The answer path: hybrid retrieval, drafting, guarding and citing."""
