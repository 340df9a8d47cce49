"""One module per CLI command: parse options, call the core, pick a reporter."""
