"""Use cases above the runtime's components: routes and commands call these and only translate
HTTP or CLI input and output."""
