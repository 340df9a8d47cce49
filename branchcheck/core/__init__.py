"""The shared core: the model, scoring and comparing results, errors, the UI language,
and the safe text, file, lock and YAML helpers every other package builds on."""
