"""QA evaluations: answer suites with metrics and reports, approved-script checks and a
consistency lint for the knowledge base itself."""
